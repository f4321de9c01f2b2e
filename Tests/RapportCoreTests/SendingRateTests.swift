import RapportCore
import Testing

@Suite("Sending rate arithmetic")
struct SendingRateTests {
    @Test func theSpacingIsTheWidestGapAnyLimitAsksFor() {
        #expect(SendingRate().isUnlimited)
        #expect(SendingRate().spacingMs == 0)
        #expect(SendingRate(perMinute: 120).spacingMs == 500)
        #expect(SendingRate(perMinute: 120, perHour: 3600).spacingMs == 1000)
        #expect(SendingRate(perDay: 7).spacingMs == 12_342_858)
    }

    @Test func slotsFollowTheGridWithoutBurstsAndWithinEachWindow() {
        let rate = SendingRate(perMinute: 120)
        #expect(rate.slots(now: 10_000, lastSlot: nil, taken: [0], wanted: 5) == [10_000])
        #expect(rate.slots(now: 10_200, lastSlot: 10_000, taken: [1], wanted: 5).isEmpty)
        // A worker a little late keeps to the grid, so the rate over a run is the limit.
        #expect(rate.slots(now: 10_530, lastSlot: 10_000, taken: [1], wanted: 5) == [10_500])
        // After a pause the grid starts again now: one slot, not a burst.
        #expect(rate.slots(now: 90_000, lastSlot: 10_000, taken: [0], wanted: 5) == [90_000])
        // A full window gives nothing, and the next slot is when its oldest leaves it.
        let hourly = SendingRate(perMinute: 100, perHour: 2)
        #expect(hourly.slots(now: 3_000_000, lastSlot: 2_000_000, taken: [0, 2], wanted: 1).isEmpty)
        #expect(
            hourly.nextSlot(now: 3_000_000, lastSlot: 2_000_000, taken: [0, 2], oldest: [nil, 1_000_000])
                == 4_600_001)
        #expect(SendingRate().slots(now: 5, lastSlot: 4, taken: [], wanted: 3) == [5, 5, 5])
    }

    @Test func theFinishIsTheLastOfTheRemainingSlots() {
        #expect(SendingRate(perHour: 60).finish(start: 0, count: 3) == 120_000)
        #expect(SendingRate(perHour: 60).finish(start: 7, count: 0) == 7)
        #expect(SendingRate().finish(start: 7, count: 1000) == 7)
    }
}
