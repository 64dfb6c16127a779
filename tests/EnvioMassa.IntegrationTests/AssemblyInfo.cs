// The pipeline tests measure pacing on a 2-core machine: test classes run one after the other, not side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
