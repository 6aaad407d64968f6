package dev.conveyor.core.store;

import dev.conveyor.port.out.JobStore;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link JobStore} adapter must show, run against each of them: extend this class and say
 * how to make a fresh, empty store. Each concern is its own contract class, run here as a nested group; all of
 * them pass explicit instants, so no test waits on a clock.
 */
public abstract class JobStoreContract {

    /** A fresh store holding no jobs; called once before every test. */
    protected abstract JobStore createStore();

    @Nested
    class StoringJobs extends StoringJobsContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class TenantIsolation extends TenantIsolationContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class AtomicStart extends AtomicStartContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class Claiming extends ClaimContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class Leases extends LeaseContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class Progress extends ProgressContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class Listing extends ListingContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class ItemLookup extends ItemLookupContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class OldestQueued extends OldestQueuedContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class Cleanup extends CleanupContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyContract {
        @Override
        protected JobStore createStore() {
            return JobStoreContract.this.createStore();
        }
    }
}
