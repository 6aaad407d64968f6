package dev.conveyor.core.store;

import dev.conveyor.model.Job;
import dev.conveyor.model.JobQuery;
import dev.conveyor.model.JobRef;
import dev.conveyor.model.JobStatus;
import dev.conveyor.model.TenantId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.conveyor.core.store.JobBuilder.T0;
import static dev.conveyor.core.store.JobBuilder.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Another tenant's job behaves exactly like a missing one: it cannot be seen and cannot be changed. */
abstract class TenantIsolationContract extends StoreContractSupport {

    private static final TenantId GLOBEX = TenantId.of("globex");

    @Test
    void anotherTenantsJobIsNotFound() {
        Job job = stored(aJob().forTenant("acme"));

        assertEquals(Optional.empty(), store.find(GLOBEX, job.id()));
    }

    @Test
    void anotherTenantsJobIsNotListed() {
        stored(aJob().forTenant("acme"));
        Job own = stored(aJob().forTenant("globex"));

        assertEquals(List.of(own), store.list(GLOBEX, JobQuery.firstPage(10)).jobs());
    }

    @Test
    void anotherTenantCannotUpdateOrStartTheJob() {
        Job job = stored(aJob().forTenant("acme"));
        Job impostor = aJob().withId(job.id()).forTenant("globex").withStatus(JobStatus.QUEUED).processing(true)
                .build();

        assertEquals(Optional.empty(), store.update(impostor));
        assertEquals(Optional.empty(), store.startIfIdle(impostor));
        assertEquals(job, reload(job));
    }

    @Test
    void anotherTenantCannotSaveProgressOrRenewTheLease() {
        Job job = stored(aJob().forTenant("acme").runningBy(WORKER_A, T0.plusSeconds(30)));
        JobRef wrongTenant = new JobRef(GLOBEX, job.id());

        assertFalse(store.saveProgress(GLOBEX, job.id(), WORKER_A, ProgressContract.progressOf("extract")));
        assertEquals(Set.of(wrongTenant),
                store.renewLeases(WORKER_A, List.of(wrongTenant), T0.plusSeconds(10), LEASE).lost());
        assertEquals(job, reload(job));
    }

    @Test
    void anIdTakenByOneTenantCannotBeInsertedByAnother() {
        Job job = stored(aJob().forTenant("acme"));

        Job sameIdOtherTenant = aJob().withId(job.id()).forTenant("globex").build();

        assertThrows(IllegalStateException.class, () -> store.insert(sameIdOtherTenant));
        assertEquals(Optional.empty(), store.find(GLOBEX, job.id()));
    }
}
