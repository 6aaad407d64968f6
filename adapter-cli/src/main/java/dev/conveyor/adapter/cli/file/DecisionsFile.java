package dev.conveyor.adapter.cli.file;

import dev.conveyor.model.ReviewDecision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Review decisions for {@code conveyor resume --decisions FILE}, in YAML or JSON: a list of
 * {@code {item: ID, approved: true|false, comment: TEXT}}, or a mapping {@code ID: approve|reject}.
 */
public final class DecisionsFile {

    private static final Set<String> FIELDS = Set.of("item", "approved", "comment");

    private DecisionsFile() {
    }

    public static List<ReviewDecision> read(Path file, String shownAs) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineFileException(file, "decisions file not found", null);
        }
        Located root = new Located(shownAs, "", TreeReader.read(file, shownAs));
        List<ReviewDecision> decisions = new ArrayList<>();
        switch (root.node()) {
            case Node.Sequence sequence -> {
                for (int i = 0; i < sequence.items().size(); i++) {
                    decisions.add(entry(root.item(i, sequence.items().get(i))));
                }
            }
            case Node.Mapping mapping -> {
                for (Node.Field field : mapping.fields().values()) {
                    decisions.add(verdict(root.child(field), field.key()));
                }
            }
            case Node.Scalar scalar -> throw root.problem("must list decisions, e.g. '- {item: page-3, approved: true}'"
                    + " or map item ids to approve/reject");
        }
        return decisions;
    }

    private static ReviewDecision entry(Located at) {
        Fields fields = Fields.of(at, "a decision", FIELDS);
        String item = fields.string(fields.required("item"));
        Optional<String> comment = fields.string("comment");
        return new ReviewDecision(item, fields.bool("approved"), comment);
    }

    private static ReviewDecision verdict(Located at, String item) {
        String text = Fields.scalarText(at).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "approve", "approved", "true", "yes" -> ReviewDecision.approve(item);
            case "reject", "rejected", "false", "no" -> new ReviewDecision(item, false, Optional.empty());
            default -> throw at.problem("must be approve or reject, not '" + text + "'");
        };
    }
}
