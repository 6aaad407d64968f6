package dev.conveyor.core.store;

import dev.conveyor.port.out.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore createStore() {
        return new InMemoryJobStore();
    }
}
