package dev.conveyor.adapter.rest.dto;

import java.util.List;

/** A job's pipeline options as the API shows them. */
public record OptionsDto(String startFrom, boolean skipReview, boolean forceReprocess, double autoApproveAbove,
                         boolean notifyOnReview, List<String> continuePastFailure) {
}
