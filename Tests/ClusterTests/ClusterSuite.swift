import MushroomTestSupport
import Testing

/// Every test that uses the PostgreSQL server, one after the other: one of them restarts it.
@Suite(.postgres, .serialized) struct ClusterSuite {}
