import Foundation
import RapportApp
import RapportCore
import Synchronization
import Testing

@testable import RapportServer
@testable import RapportStorage

/// Long jobs live in the database: their progress shows from any instance, an instance that stops beating has
/// its jobs marked failed, and a job's problems are kept for its page.
@Suite("Background jobs in the database")
struct BackgroundJobTests {
    static let next = BackgroundJob.Link(path: "/contacts", label: "Contacts")

    @Test func aJobsProgressAndResultShowOnAnotherInstance() async throws {
        try await withSharedDatabase { location in
            try await withAPI(location: location) { first, firstServices in
                var browser = try await signedInMary(first, role: "marketer")
                let cookies = browser.cookies
                try await withAPI(location: location) { second, secondServices in
                    let gate = Gate()
                    let id = try await firstServices.jobRunner.start(
                        title: "Import people.csv", userId: "MARY", next: Self.next
                    ) { report in
                        report("Checking 5 rows…")
                        await gate.wait()
                        return "5 contacts created, 0 updated."
                    }
                    var other = Browser(client: second.client, cookies: cookies)
                    let running = try await eventually {
                        try await other.request(.get, "/jobs/\(id)")
                    } until: {
                        $0.html.contains("Checking 5 rows…")
                    }
                    #expect(running.status == 200)
                    #expect(running.html.contains("Checking 5 rows…"))
                    #expect(running.html.contains("id=\"job-status\""))
                    let recorded = try await secondServices.backgroundJobs.job(id, userId: "MARY")
                    #expect(recorded?.state == .running)
                    #expect(recorded?.instance == firstServices.jobRunner.instance)
                    let someoneElse = try await secondServices.backgroundJobs.job(id, userId: "JOHN")
                    #expect(someoneElse == nil)
                    gate.open()
                    let done = try await eventually {
                        try await other.request(.get, "/jobs/\(id)")
                    } until: {
                        $0.text(id: "job-result") != nil
                    }
                    #expect(done.text(id: "job-result")?.hasPrefix("5 contacts created, 0 updated.") == true)
                    #expect(firstServices.jobRunner.runningCount == 0)
                }
                let mine = try await browser.request(.get, "/jobs/0123456789abcdef0123456789abcdef")
                #expect(mine.status == 404)
            }
        }
    }

    /// An import reports while its own transaction holds the write lock: on PostgreSQL the heartbeat does not wait
    /// for it, so another instance sees the progress; on SQLite (one instance, one writer) the instance running it
    /// shows it.
    @Test func progressShowsWhileTheJobsOwnTransactionIsOpen() async throws {
        let isPostgres = ProcessInfo.processInfo.environment["RAPPORT_TEST_BACKEND"] == "postgres"
        try await withSharedDatabase { location in
            try await withAPI(location: location) { first, firstServices in
                let browser = try await signedInMary(first, role: "marketer")
                try await withAPI(location: location) { second, _ in
                    let holding = DispatchSemaphore(value: 0)
                    let store = firstServices.store
                    let id = try await firstServices.jobRunner.start(
                        title: "Import long.csv", userId: "MARY", next: Self.next
                    ) { report in
                        try await store.write("long import") { _ in
                            report("Writing 5 contacts…")
                            holding.wait()
                        }
                        return "5 contacts created, 0 updated."
                    }
                    var reader = Browser(client: isPostgres ? second.client : first.client, cookies: browser.cookies)
                    let page = try await eventually {
                        try await reader.request(.get, "/jobs/\(id)")
                    } until: {
                        $0.html.contains("Writing 5 contacts…")
                    }
                    holding.signal()
                    #expect(page.html.contains("Writing 5 contacts…"))
                    let done = try await eventually {
                        try await reader.request(.get, "/jobs/\(id)")
                    } until: {
                        $0.text(id: "job-result") != nil
                    }
                    #expect(done.text(id: "job-result")?.hasPrefix("5 contacts created") == true)
                }
            }
        }
    }

    @Test func aJobWhoseInstanceStoppedBeatingIsMarkedFailedAndStaysFailed() async throws {
        let clock = TestClock()
        try await withAPI(configuration: ServicesConfiguration(clock: { clock.read() })) { _, services in
            let jobs = services.backgroundJobs
            let dead = try await jobs.create(
                title: "Import big.csv", userId: "MARY", next: Self.next, instance: "gone-host-4242-dead")
            let live = try await jobs.create(
                title: "Import small.csv", userId: "MARY", next: Self.next, instance: services.jobRunner.instance)
            clock.advance(59)
            let early = await services.housekeeping.sweepOnce(now: clock.read())
            #expect(early?.abandonedJobs == 0)
            clock.advance(2)
            let late = await services.housekeeping.sweepOnce(now: clock.read())
            #expect(late?.abandonedJobs == 1)
            let failed = try await jobs.job(dead, userId: "MARY")
            #expect(failed?.state == .failed)
            #expect(failed?.errorMessage == BackgroundJob.abandonedMessage)
            #expect(failed?.finishedAt == clock.read().rounded)
            // The dead instance's late word changes nothing; this instance's own job was left running.
            try await jobs.finish(dead, outcome: .success("1 contact created, 0 updated."))
            let still = try await jobs.job(dead, userId: "MARY")
            #expect(still?.state == .failed)
            #expect(still?.result == nil)
            let mine = try await jobs.job(live, userId: "MARY")
            #expect(mine?.state == .running)
            // A week after it ended, the failed job is forgotten; the running one is kept.
            clock.advance(7 * 86_400 + 1)
            let week = await services.housekeeping.sweepOnce(now: clock.read())
            #expect(week?.forgottenJobs == 1)
            let forgotten = try await jobs.job(dead, userId: "MARY")
            #expect(forgotten == nil)
            let kept = try await jobs.job(live, userId: "MARY")
            #expect(kept?.state == .running)
        }
    }

    @Test func aJobStillRunningWhenTheServerStopsIsMarkedFailed() async throws {
        try await withAPI { _, services in
            let gate = Gate()
            let id = try await services.jobRunner.start(title: "Import slow.csv", userId: "MARY", next: Self.next) {
                _ in
                await gate.wait()
                return "done"
            }
            #expect(services.jobRunner.runningCount == 1)
            await services.jobRunner.abandonRunning()
            gate.open()
            let job = try await services.backgroundJobs.job(id, userId: "MARY")
            #expect(job?.state == .failed)
            #expect(job?.errorMessage == BackgroundJob.abandonedMessage)
            #expect(services.jobRunner.runningCount == 0)
        }
    }

    /// A job's follow-up (an import's VACUUM) starts only once the job's result is recorded, and neither its failure
    /// nor its cancellation at shutdown changes what the job says.
    @Test func aJobsFollowUpRunsOnceItsResultIsRecordedAndCannotChangeIt() async throws {
        try await withAPI { _, services in
            let jobs = services.backgroundJobs
            let seen = Mutex<BackgroundJob?>(nil)
            // The job ends once its id is known here, for its follow-up to look it up.
            let jobID = Mutex("")
            let go = Gate()
            let failing = try await services.jobRunner.start(
                title: "Import first.csv", userId: "MARY", next: Self.next
            ) { _ -> JobRunner.Completion in
                await go.wait()
                return JobRunner.Completion(
                    "2 contacts created, 0 updated.",
                    afterwards: (
                        "look at the job, then fail",
                        {
                            let job = try await jobs.job(jobID.withLock { $0 }, userId: "MARY")
                            seen.withLock { $0 = job }
                            throw RapportError(.unavailable, "The VACUUM was interrupted.")
                        }
                    ))
            }
            jobID.withLock { $0 = failing }
            go.open()
            _ = try await eventually {
                try await jobs.job(failing, userId: "MARY")
            } until: {
                $0?.state != .running
            }
            await services.jobRunner.followUpsFinished()
            #expect(seen.withLock { $0 }?.state == .succeeded)
            #expect(seen.withLock { $0 }?.result == "2 contacts created, 0 updated.")
            #expect(try await jobs.job(failing, userId: "MARY")?.state == .succeeded)

            // A follow-up still running at shutdown is cancelled, not waited for; the job stays succeeded.
            let started = Gate()
            let endless = try await services.jobRunner.start(
                title: "Import second.csv", userId: "MARY", next: Self.next
            ) { _ -> JobRunner.Completion in
                JobRunner.Completion(
                    "1 contacts created, 0 updated.",
                    afterwards: (
                        "wait until cancelled",
                        {
                            started.open()
                            try await Task.sleep(for: .seconds(86_400))
                        }
                    ))
            }
            await started.wait()
            await services.jobRunner.cancelFollowUps()
            await services.jobRunner.followUpsFinished()
            let job = try await jobs.job(endless, userId: "MARY")
            #expect(job?.state == .succeeded)
            #expect(job?.result == "1 contacts created, 0 updated.")
        }
    }

    @Test func theHeartbeatLimitIsReadFromTheEnvironment() throws {
        #expect(try ServicesConfiguration.fromEnvironment([:]).jobHeartbeatLimit == 60)
        #expect(try ServicesConfiguration.fromEnvironment(["RAPPORT_JOB_HEARTBEAT_LIMIT": "3"]).jobHeartbeatLimit == 3)
        for refused in ["1", "soon", "-5"] {
            #expect(throws: RapportError.self) {
                try ServicesConfiguration.fromEnvironment(["RAPPORT_JOB_HEARTBEAT_LIMIT": refused])
            }
        }
    }

    @Test func aFailedJobKeepsItsProblemsInOrder() async throws {
        try await withAPI { _, services in
            let id = try await services.jobRunner.start(title: "Import bad.csv", userId: "MARY", next: Self.next) {
                _ -> String in
                throw RapportError(
                    .validationFailed, "2 rows have problems; nothing was imported.",
                    details: [
                        Problem(row: 3, field: "name", message: "Name is required."),
                        Problem(row: 7, contactNo: "C7", field: nil, message: "C7 appears twice."),
                    ])
            }
            let job = try await eventually {
                try await services.backgroundJobs.job(id, userId: "MARY")
            } until: {
                $0?.state != .running
            }
            #expect(job?.state == .failed)
            #expect(job?.errorMessage == "2 rows have problems; nothing was imported.")
            #expect(
                job?.problems == [
                    Problem(row: 3, field: "name", message: "Name is required."),
                    Problem(row: 7, contactNo: "C7", field: nil, message: "C7 appears twice."),
                ])
        }
    }
}

extension Date {
    /// To the second, as the database keeps times.
    var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
