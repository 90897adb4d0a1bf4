import Testing
@testable import FraudModel

/// Which file column each value is read from: a name the tool reads must say one column.
@Suite("ColumnLayout")
struct ColumnLayoutTests {
    static let row = "2026-03-02 08:00:00,13900000001,13900000009,13800000002,60,a,b\n"

    @Test func aRepeatedColumnThatIsReadIsAnError() throws {
        let csv = "start_time,caller,caller,callee,duration,note,x\n" + Self.row
        #expect(throws: InputError.repeatedColumn(file: "t.csv", column: "caller", canonical: "caller", positions: [2, 3])) {
            try readLog(csv)
        }
        let message = InputError.repeatedColumn(file: "t.csv", column: "caller", canonical: "caller", positions: [2, 3]).description
        #expect(message == "t.csv:1: column 'caller' appears twice in the header (columns 2 and 3); rename all but the one to use, "
                + "or read caller from another column with --columns caller=NAME")
        // Names are matched without regard to case, so these are the same column too.
        let three = "start_time,Caller,CALLER,callee,duration,note,caller\n" + Self.row
        #expect(throws: InputError.repeatedColumn(file: "t.csv", column: "caller", canonical: "caller", positions: [2, 3, 7])) {
            try readLog(three)
        }
        #expect(InputError.repeatedColumn(file: "f", column: "c", canonical: "c", positions: [2, 3, 7]).description
            .hasPrefix("f:1: column 'c' appears 3 times in the header (columns 2, 3 and 7);"))
    }

    @Test func repeatedColumnsThatAreNotReadAreFine() throws {
        let csv = "start_time,caller,callee,duration,note,note,,\n" + "2026-03-02 08:00:00,13900000001,13800000002,60,a,b,,\n"
        let log = try readLog(csv)
        #expect(log.records.count == 1 && log.rejected == 0)
        // Reading caller from another column leaves the two 'caller' columns unread.
        var options = InputOptions()
        try options.mapColumns("caller=calling_no")
        try options.validate()
        let mapped = try readLog("start_time,caller,caller,callee,duration,calling_no\n"
                                 + "2026-03-02 08:00:00,1,2,13800000002,60,13900000001\n", options: options)
        #expect(mapped.records.count == 1)
        #expect(mapped.numbers.text(mapped.records[0].caller) == "13900000001")
    }

    @Test func aColumnMappedTwiceIsAnError() throws {
        var options = InputOptions()
        #expect(throws: InputError.badColumnMapping("'caller' is mapped twice ('a' and 'b'); give it once")) {
            try options.mapColumns("caller=a,callee=c,caller=b")
        }
    }

    @Test func twoColumnsReadFromOneFileColumnAreAnError() throws {
        var options = InputOptions()
        try options.mapColumns("caller=x,callee=X")
        #expect(throws: InputError.badColumnMapping("'caller' and 'callee' would both be read from column 'X'; map each to its own column")) {
            try options.validate()
        }
        // Mapping one column to another's default name, while that one keeps it, is the same.
        var onto = InputOptions()
        try onto.mapColumns("caller=callee")
        #expect(throws: InputError.self) { try onto.validate() }
        // Swapping two columns is fine.
        var swapped = InputOptions()
        try swapped.mapColumns("caller=callee,callee=caller")
        try swapped.validate()
        var subscriber = InputOptions()
        subscriber.layout = .subscriber
        try subscriber.mapColumns("other=phone_no_m")
        #expect(throws: InputError.self) { try subscriber.validate() }
    }
}
