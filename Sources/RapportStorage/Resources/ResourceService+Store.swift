extension ResourceService {
    /// The store this service runs on, so code of this package that was handed one use case (the demo
    /// seeder) can build the others over the same database.
    package var underlyingStore: Store { store }
}
