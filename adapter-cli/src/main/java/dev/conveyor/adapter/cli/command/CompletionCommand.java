package dev.conveyor.adapter.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code conveyor completion}: a bash/zsh completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Prints a shell completion script for bash and zsh.",
        description = "Prints a completion script for bash and zsh: every command and option completes with Tab.",
        footerHeading = "%nExamples:%n",
        footer = {"  conveyor completion > /etc/bash_completion.d/conveyor",
                "  source <(conveyor completion)        # in ~/.bashrc or ~/.zshrc (zsh: autoload bashcompinit first)"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var root = spec.root();
        spec.commandLine().getOut().print(AutoComplete.bash(root.name(), root.commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
