import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inserts batches into the store on a second thread while the calling thread goes on
/// reading and decoding: ingest takes about the longer of the two instead of their sum.
/// At most `depth` batches wait; `push` blocks when the store falls behind, so memory stays
/// bounded. Batches are inserted in the order pushed, so the first line per eventId wins.
final class BackgroundInserter: @unchecked Sendable {
    private let store: EventStore
    private let depth: Int
    private var queue: [[Event]] = []
    private var closed = false
    private var done = false
    private var outcome = InsertOutcome()
    private var failure: Error?
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()

    init(store: EventStore, depth: Int = 2) {
        self.store = store
        self.depth = depth
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
        DispatchQueue.global().async { self.drain() }
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Queues a batch (waits while `depth` batches are queued).
    func push(_ batch: [Event]) throws {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while queue.count >= depth && failure == nil { pthread_cond_wait(&changed, &mutex) }
        if let failure { throw failure }
        queue.append(batch)
        pthread_cond_broadcast(&changed)
    }

    /// Waits until every queued batch is stored; what they gave, or the first error.
    func finish() throws -> InsertOutcome {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        closed = true
        pthread_cond_broadcast(&changed)
        while !done { pthread_cond_wait(&changed, &mutex) }
        if let failure { throw failure }
        return outcome
    }

    private func drain() {
        while true {
            pthread_mutex_lock(&mutex)
            while queue.isEmpty && !closed { pthread_cond_wait(&changed, &mutex) }
            if queue.isEmpty || failure != nil {
                done = true
                pthread_cond_broadcast(&changed)
                pthread_mutex_unlock(&mutex)
                return
            }
            let batch = queue.removeFirst()
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            do {
                let result = try store.insert(batch)
                pthread_mutex_lock(&mutex)
                outcome.inserted += result.inserted
                outcome.duplicates += result.duplicates
                outcome.conflictingDuplicates += result.conflictingDuplicates
                pthread_mutex_unlock(&mutex)
            } catch {
                pthread_mutex_lock(&mutex)
                failure = error
                queue.removeAll()
                pthread_cond_broadcast(&changed)
                pthread_mutex_unlock(&mutex)
            }
        }
    }
}

/// Hands batches to a `BackgroundInserter`; its outcome is counted when it finishes.
struct BackgroundStoreSink: EventSink {
    let inserter: BackgroundInserter

    mutating func accept(_ batch: [Event]) throws -> InsertOutcome {
        try inserter.push(batch)
        return InsertOutcome()
    }
}
