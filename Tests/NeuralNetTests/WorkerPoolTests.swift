import Testing
import Foundation
import NeuralNetKernels

/// The C worker pool behind the fused training step (worker_pool.c): every task runs exactly once, on a
/// participant the job allows, also when several threads submit jobs at the same moment (the losers run
/// theirs inline).
@Suite struct WorkerPoolTests {
    /// counts[t] += 1 for task t, participants[t] = the participant that ran it.
    struct Job {
        var counts: [Int]
        var participants: [Int]
    }

    static func run(tasks: Int, maxParticipants: Int) -> Job {
        var counts = [Int](repeating: 0, count: tasks)
        var participants = [Int](repeating: -1, count: tasks)
        counts.withUnsafeMutableBufferPointer { c in
            participants.withUnsafeMutableBufferPointer { p in
                var pointers = (c.baseAddress!, p.baseAddress!)
                withUnsafeMutablePointer(to: &pointers) { context in
                    nn_pool_run(tasks, maxParticipants, { context, task, participant in
                        let (c, p) = context!.assumingMemoryBound(to: (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>).self).pointee
                        c[task] += 1
                        p[task] = participant
                    }, context)
                }
            }
        }
        return Job(counts: counts, participants: participants)
    }

    @Test func everyTaskRunsOnceOnAnAllowedParticipant() {
        let available = nn_pool_participants()
        #expect(available >= 1)
        for (tasks, limit) in [(1, 8), (2, 8), (7, 2), (1000, 64), (1000, 1), (64, 3)] {
            for _ in 0..<50 {
                let job = Self.run(tasks: tasks, maxParticipants: limit)
                #expect(job.counts == [Int](repeating: 1, count: tasks), "\(tasks) tasks on up to \(limit)")
                #expect(job.participants.allSatisfy { $0 >= 0 && $0 < min(limit, available) })
            }
        }
    }

    @Test func concurrentCallersEachGetTheirOwnJob() async {
        // 8 callers × 200 jobs of 37 tasks: any mix-up (a task of one job run with another's context, a task
        // run twice or skipped, a caller returning before its tasks finished) shows as a count other than 1.
        let failures = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var bad = 0
                    for _ in 0..<200 where Self.run(tasks: 37, maxParticipants: 8).counts != [Int](repeating: 1, count: 37) {
                        bad += 1
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    /// The workers block every signal: a Ctrl-C must reach the REPL's handler, not a worker mid-task.
    @Test func workersBlockEverySignal() throws {
        _ = Self.run(tasks: 4, maxParticipants: 8)  // starts the pool if no test did
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        var workers = 0
        for task in tasks {
            guard let name = try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8),
                  name.trimmingCharacters(in: .whitespacesAndNewlines) == "nn-pool",
                  let status = try? String(contentsOfFile: "/proc/self/task/\(task)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }) else { continue }
            workers += 1
            // SigBlk is a hex mask of the blocked signals; all of 1–31 (SIGKILL and SIGSTOP cannot be blocked).
            let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
            let standard = UInt64(0x7fff_ffff) & ~(1 << (9 - 1)) & ~(1 << (19 - 1))
            #expect(mask & standard == standard, "worker \(task): SigBlk \(line)")
        }
        #expect(workers == nn_pool_participants() - 1)
    }
}
