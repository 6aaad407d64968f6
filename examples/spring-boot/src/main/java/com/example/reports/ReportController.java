package com.example.reports;

import dev.conveyor.core.Conveyor;
import dev.conveyor.model.Job;
import dev.conveyor.model.JobId;
import dev.conveyor.model.Payload;
import dev.conveyor.model.ProgressView;
import dev.conveyor.model.TenantId;
import dev.conveyor.port.in.Outcome;
import dev.conveyor.port.in.SubmitJob;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** Submits reports and tells where each one stands. */
@RestController
class ReportController {

    private static final TenantId TENANT = TenantId.of("reports");

    private final Conveyor conveyor;

    ReportController(Conveyor conveyor) {
        this.conveyor = conveyor;
    }

    /** {@code POST /reports {"title": "Q3", "pages": 12}}: 202 with the job's id, or 400 with the reason. */
    @PostMapping("/reports")
    ResponseEntity<Map<String, Object>> submit(@RequestBody Map<String, Object> request) {
        Outcome<Job> outcome = conveyor.submit(SubmitJob.startNow(TENANT, ReportPipelines.NAME, Payload.of(request)));
        return switch (outcome) {
            case Outcome.Accepted<Job> accepted -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Map.of("id", accepted.value().id().value().toString()));
            case Outcome.Rejected<Job> rejected -> ResponseEntity.badRequest()
                    .body(Map.of("error", rejected.rejection().message()));
        };
    }

    /** {@code GET /reports/{id}}: its progress, and the summary once it is done. */
    @GetMapping("/reports/{id}")
    ResponseEntity<Map<String, Object>> progress(@PathVariable String id) {
        JobId jobId;
        try {
            jobId = JobId.parse(id);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "not a report id: " + id));
        }
        return conveyor.progress(TENANT, jobId).map(view -> ResponseEntity.ok(body(view, jobId)))
                .orElse(ResponseEntity.notFound().build());
    }

    private Map<String, Object> body(ProgressView view, JobId id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", view.status());
        body.put("progress", view.pipelineProgress());
        body.put("step", view.currentStep().orElse(null));
        body.put("eta_seconds", view.estimatedRemainingSeconds().orElse(null));
        view.error().ifPresent(error -> body.put("error", error.message()));
        conveyor.job(TENANT, id).flatMap(job -> job.step("summarise"))
                .map(step -> step.output().getString("summary", null))
                .ifPresent(summary -> body.put("summary", summary));
        return body;
    }
}
