import Testing
@testable import FraudModel

@Suite("RuleSet")
struct RuleSetTests {
    static let example = """
        # Example rules
        list watchlist =
        list banks = 95588, "95533",
            +8613800000000
        list confirmed = file "lists/confirmed.txt"
        class virtual = prefix("170", "171")
        class bank_hotline = banks or (length == 5 and prefix("955"))

        set window = 2d
        set suspicion_threshold = 40%

        caller bias -3
        caller rule many_callees weight 1.25 label "Calls many different people" =
            distinct_callees > 50
        caller rule answered weight -0.5 = answer_rate
        caller rule virtual_number weight 0.75 = virtual
        caller suspect = watchlist
        caller suspect = confirmed
        caller trusted = bank_hotline

        victim bias -4
        victim consider = not international and not bank_hotline
        victim rule long_call weight 2 label "Long call with a suspect" = longest_suspect_call >= 10m
        victim rule bank_after weight 1.5 = bank_call_after

        tier 1 = score >= 0.9 or (bank_call_after and score > 0.5)
        tier 2 = score >= 0.6
        tier 3 = score >= 0.3
        """
    static let files = ["lists/confirmed.txt": "# confirmed fraud\n+85512345678\n\n  17012345678  # ring A\n"]

    private func example() throws -> RuleSet { try RuleTestSupport.parse(Self.example, files: Self.files) }

    @Test func everyStatementKindEndsUpInTheRuleSet() throws {
        let set = try example()
        #expect(set.lists.map(\.name) == ["watchlist", "banks", "confirmed"])
        #expect(set.lists[1].numbers == ["95588", "95533", "13800000000"])
        #expect(set.lists[2].numbers == ["+85512345678", "17012345678"])
        #expect(set.classes.map(\.name) == ["virtual", "bank_hotline"])
        #expect(set.settings == ["window": 172_800, "min_calls": 3, "suspicion_threshold": 0.4])
        #expect(set.caller.bias == -3 && set.victim.bias == -4)
        #expect(set.caller.rules.map(\.name) == ["many_callees", "answered", "virtual_number"])
        #expect(set.caller.rules.map(\.weight) == [1.25, -0.5, 0.75])
        #expect(set.caller.rules[0].label == "Calls many different people")
        #expect(set.caller.rules[1].label == "answered")
        #expect(set.caller.rules[0].expressionText == "distinct_callees > 50")
        #expect(set.caller.rules[0].line == 13)
        #expect(set.victim.rules.map(\.label) == ["Long call with a suspect", "bank_after"])
        #expect(set.suspectWhen?.text == "(watchlist) or (confirmed)")
        #expect(set.trustedWhen?.text == "bank_hotline")
        #expect(set.considerWhen?.text == "not international and not bank_hotline")
        #expect(set.tiers.map { $0 != nil } == [true, true, true])
        #expect(set.warnings.isEmpty)
    }

    @Test func modelsComputeLogitsAndContributions() throws {
        let set = try example()
        let caller: [Double] = [100, 80, 0.2, 30, 0]
        let traits = set.numberTraits("17099999999")
        #expect(set.caller.contributions(features: caller, traits: traits) == [1.25, -0.1, 0.75])
        #expect(abs(set.caller.logit(features: caller, traits: traits) - (-3 + 1.25 - 0.1 + 0.75)) < 1e-12)
        let victim: [Double] = [900, 1, 0, 1, 0]
        #expect(set.victim.logit(features: victim) == -4 + 2 + 1.5)
        let values = [0.0, 0, 0, 1, 0].withUnsafeBufferPointer { set.victim.values(features: $0, traits: NumberTraits()) }
        #expect(values == [0, 1])
        #expect(LogisticModel.sigmoid(0) == 0.5)
        #expect(LogisticModel.sigmoid(-800) == 0 && LogisticModel.sigmoid(800) == 1)
    }

    @Test func suspectWinsOverTrusted() throws {
        let set = try example()
        let none: [Double] = [0, 0, 0, 0, 0]
        func forced(_ traits: NumberTraits) -> Double? {
            none.withUnsafeBufferPointer { set.forcedSuspicion(features: $0, traits: traits) }
        }
        #expect(forced(set.numberTraits("95588")) == 0)
        #expect(forced(set.numberTraits("+85512345678")) == 1)
        #expect(forced(set.numberTraits("13912345678")) == nil)
        var both = set
        both.add(["95588"], toList: "watchlist")
        #expect(forced(both.numberTraits("95588")) == 1)
    }

    @Test func tiersPickTheMostUrgentTrueTier() throws {
        let set = try example()
        func tier(_ score: Double, bank: Double = 0) -> Int? {
            [0, 0, 0, bank, 0].withUnsafeBufferPointer { set.tier(features: $0, traits: NumberTraits(), score: score) }
        }
        #expect(tier(0.95) == 1)
        #expect(tier(0.55, bank: 1) == 1)
        #expect(tier(0.55) == 3)
        #expect(tier(0.7) == 2)
        #expect(tier(0.1) == nil)
    }

    @Test func aSetWithoutTiersCanWarnNobody() throws {
        #expect(try example().cannotWarn == nil)
        #expect(try RuleTestSupport.parse("").cannotWarn?.contains("defines no tier") == true)
        #expect(try RuleTestSupport.parse("victim rule x weight 1 = longest_suspect_call >= 10m\n").cannotWarn != nil)
        #expect(try RuleTestSupport.parse("tier 3 = score >= 0.3\n").cannotWarn == nil)
    }

    @Test func addingNumbersToListsUpdatesTraits() throws {
        var set = try example()
        #expect(!set.numberTraits("13912345678").isInList(0))
        set.add(["13912345678"], toList: "watchlist")
        #expect(set.numberTraits("13912345678").isInList(0))
        set.add(["1"], toList: "extra")
        #expect(set.lists.last?.name == "extra" && set.lists.last?.line == 0)
        #expect(set.numberTraits("1").isInList(3))
    }

    @Test func unknownIdentifiersAreReportedPerContextWithSuggestions() {
        let errors = RuleTestSupport.errors("""
            class c = lenght > 3
            caller rule a weight 1 = distinct_calees > 3
            caller rule b weight 1 = longest_suspect_call
            victim rule c weight 1 = score > 0.5
            victim rule d weight 1 = xyzzy
            victim rule e weight 1 = prefix("1")
            caller suspect = length > 3
            tier 1 = scor > 0.5 and c
            """)
        #expect(errors == [
            "test.rules:1:11: unknown name 'lenght' in a class definition; did you mean 'length'?",
            "test.rules:2:26: unknown feature 'distinct_calees' in a caller rule; did you mean 'distinct_callees'?",
            "test.rules:3:26: unknown feature 'longest_suspect_call' in a caller rule; 'longest_suspect_call' is a victim feature",
            "test.rules:4:26: 'score' (the victim probability) is only available in tier conditions",
            "test.rules:5:26: unknown feature 'xyzzy' in a victim rule; valid names include bank_call_after, c, calls_in, longest_suspect_call, suspect_contacts, talk_time_24h",
            "test.rules:6:26: prefix() tests the number itself and is only available in class and consider expressions; define a class and use its name here",
            "test.rules:7:18: 'length' describes the number itself and is only available in class and consider expressions; define a class and use its name here",
            "test.rules:8:10: unknown feature 'scor' in a tier condition; did you mean 'score'?",
        ])
    }

    @Test func classesMayOnlyUseEarlierClasses() {
        let errors = RuleTestSupport.errors("class a = b\nclass b = a or length > 3\nclass self = self\nvictim consider = a or b or self")
        #expect(errors == [
            "test.rules:1:11: class 'a' refers to class 'b', which is defined later (line 2); define 'b' first",
            "test.rules:3:14: class 'self' refers to itself",
        ])
    }

    @Test func listsFromFilesAndCanonicalisationErrors() {
        let files = ["w.txt": "13912345678\n# comment\nnot-a-number\n\n+855 12\n"]
        let errors = RuleTestSupport.errors("list a = 95588, xyz, \"12-34\"\nlist b = file \"w.txt\"\nlist c = file \"missing.txt\"\ncaller suspect = a or b or c", files: files)
        #expect(errors == [
            "test.rules:1:17: 'xyz' is not a phone number or identifier",
            "test.rules:1:22: '12-34' is not a phone number or identifier",
            "w.txt:3: 'not-a-number' is not a phone number or identifier",
            "w.txt:5: '+855 12' is not a phone number or identifier",
            "test.rules:3:15: cannot read list file 'missing.txt': no such file",
        ])
    }

    @Test func allErrorsOfAFileAreReportedTogetherInOrder() {
        let text = """
            list w = 95588
            list w = 95533
            class length = 1
            class calls_out = 1
            set windo = 1d
            set window = 1d
            set window = 2d
            caller bias 1
            caller bias 2
            caller rule r weight 1 = calls_out
            caller rule r weight 2 = calls_out
            victim rule r weight 1 = w $
            tier 1 = score > 0.5
            tier 1 = score > 0.9
            """
        #expect(RuleTestSupport.errors(text) == [
            "test.rules:2:6: duplicate name 'w': a list of that name is defined on line 1",
            "test.rules:3:7: 'length' is a reserved word and cannot name a class",
            "test.rules:4:7: 'calls_out' is already a caller feature; choose another class name",
            "test.rules:5:5: unknown setting 'windo'; did you mean 'window'?",
            "test.rules:7:5: setting 'window' is already set (first defined on line 6)",
            "test.rules:9:13: duplicate caller bias (first defined on line 8)",
            "test.rules:11:13: duplicate caller rule 'r' (first defined on line 10)",
            "test.rules:12:28: unexpected character '$'",
            "test.rules:14:1: tier 1 is already defined (first defined on line 13)",
        ])
        do {
            _ = try RuleTestSupport.parse(text)
            Issue.record("expected an error")
        } catch let error as RuleSetError {
            #expect(error.description.split(separator: "\n").count == 9)
        } catch {
            Issue.record("wrong error type")
        }
    }

    @Test func warningsDoNotStopParsing() throws {
        let set = try RuleTestSupport.parse("list unused = 1\nclass idle = length > 3\ncaller rule r weight 0 = calls_out\n")
        #expect(set.warnings.map(\.description) == [
            "test.rules:1:6: warning: list 'unused' is defined but never used",
            "test.rules:2:7: warning: class 'idle' is defined but never used",
            "test.rules:3:13: warning: rule 'r' has weight 0, so it never changes the score",
        ])
    }

    @Test func sizeEncodingAndCountLimits() {
        let big = [UInt8](repeating: UInt8(ascii: "#"), count: (1 << 20) + 1)
        #expect(throws: RuleSetError.self) {
            try RuleSet.parse(big, file: "big", schema: RuleTestSupport.schema, environment: RuleTestSupport.environment())
        }
        // The first bad byte's line and column (a Latin-1 'é' in a comment on line 2, after
        // a two-byte character of valid UTF-8).
        for (bytes, message) in [([0x23, 0xFF, 0x0A], "bin:1:2: not valid UTF-8 text (byte 0xFF)"),
                                 (Array("tier 3 = score >= 0.1\n# ü caf".utf8) + [0xE9, 0x0A], "bin:2:8: not valid UTF-8 text (byte 0xE9)")] {
            do {
                _ = try RuleSet.parse(bytes, file: "bin", schema: RuleTestSupport.schema, environment: RuleTestSupport.environment())
                Issue.record("\(bytes) parsed")
            } catch {
                #expect(error.description == message + "; save the rules file as UTF-8")
            }
        }
        let classes = (0..<65).map { "class c\($0) = length > \($0)" }.joined(separator: "\n")
        #expect(RuleTestSupport.errors(classes) == ["test.rules:65:7: too many classes (at most 64)"])
    }

    @Test func byteOrderMarkAndWindowsLineEndingsAreAccepted() throws {
        let text = "\u{FEFF}caller rule r weight 2 = calls_out\r\n  + 1\r\n"
        let set = try RuleTestSupport.parse(text)
        #expect(set.caller.rules.first?.expressionText == "calls_out + 1")
        #expect(set.caller.logit(features: [1]) == 4)
    }

    @Test func summaryMentionsEveryRuleAndSetting() throws {
        let summary = try example().summary
        for expected in [
            "banks: 3 numbers", "virtual = prefix(\"170\", \"171\")", "Caller model: bias -3, 3 rules",
            "rule many_callees weight 1.25 label \"Calls many different people\" = distinct_callees > 50",
            "rule answered weight -0.5 = answer_rate", "rule virtual_number weight 0.75 = virtual",
            "rule long_call weight 2 label \"Long call with a suspect\"", "rule bank_after weight 1.5",
            "tier 2: score >= 0.6", "window = 172800 (default 86400)", "suspicion_threshold = 0.4 (default 0.5)",
        ] {
            #expect(summary.contains(expected), "missing: \(expected)")
        }
        #expect(!summary.contains("min_calls"))
    }
}
