import Testing
@testable import FraudModel

@Suite("Expression")
struct ExpressionTests {
    private func value(_ expression: String, _ features: [Double] = []) throws -> Double {
        try RuleTestSupport.value(expression, victim: features)
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("-2 * 3") == -6)
        #expect(try value("- -2") == 2)
        #expect(try value("10 - 4 - 3") == 3)
        #expect(try value("8 / 4 / 2") == 1)
        #expect(try value("not 0 and 0") == 0)  // (not 0) and 0
        #expect(try value("not (0 and 0)") == 1)
        #expect(try value("1 or 0 and 0") == 1)  // 1 or (0 and 0)
        #expect(try value("not 1 < 0") == 1)  // not (1 < 0)
        #expect(try value("1 + 1 == 2") == 1)
        #expect(try value("2 * 3 > 5 and 1 != 1") == 0)
    }

    @Test func literalsDurationsAndPercentages() throws {
        #expect(try value("1h30m == 5400") == 1)
        #expect(try value("10m") == 600)
        #expect(try value("30%") == 0.3)
        #expect(try value("1e-3 * 1000") == 1)
        #expect(try value("true + true") == 2)
        #expect(try value("false or 0.5") == 1)
    }

    @Test func functions() throws {
        #expect(try value("log1p(0)") == 0)
        #expect(abs(try value("log1p(1)") - 0.6931471805599453) < 1e-12)
        #expect(try value("log1p(-5)") == 0)
        #expect(try value("min(3, 1, 2)") == 1)
        #expect(try value("max(3, 1, 7, 2)") == 7)
        #expect(try value("abs(-2.5)") == 2.5)
        #expect(try value("clamp(5, 0, 1)") == 1)
        #expect(try value("clamp(-5, 0, 1)") == 0)
        #expect(try value("clamp(talk_time_24h / 1h, 0, 3)", [0, 0, 5_400]) == 1.5)
    }

    @Test func wrongArityAndUnknownFunctionsAreErrors() {
        #expect(RuleTestSupport.errors("victim rule r weight 1 = log1p(1, 2)")
            == ["test.rules:1:26: log1p() takes 1 argument (log1p(x)), got 2"])
        #expect(RuleTestSupport.errors("victim rule r weight 1 = min(calls_in)")
            == ["test.rules:1:26: min() takes at least 2 arguments, got 1"])
        #expect(RuleTestSupport.errors("victim rule r weight 1 = clamp(1, 2)")
            == ["test.rules:1:26: clamp() takes 3 arguments (clamp(x, lo, hi)), got 2"])
        #expect(RuleTestSupport.errors("victim rule r weight 1 = mx(1, 2)")
            == ["test.rules:1:26: unknown function 'mx'; did you mean 'max'?"])
        #expect(RuleTestSupport.errors("victim rule r weight 1 = calls_in(1)")
            == ["test.rules:1:26: 'calls_in' is not a function"])
    }

    @Test func divisionByZeroIsZero() throws {
        #expect(try value("5 / 0") == 0)
        #expect(try value("calls_in / suspect_contacts", [0, 0, 0, 0, 9]) == 0)
        #expect(try value("calls_in / suspect_contacts", [0, 3, 0, 0, 9]) == 3)
    }

    @Test func featuresReadTheirSchemaIndexAndMissingOnesReadZero() throws {
        let program = try RuleTestSupport.victimProgram("longest_suspect_call > 10m and calls_in >= 2")
        #expect(program.evaluate(features: [900, 0, 0, 0, 2]) == 1)
        #expect(program.evaluate(features: [900, 0, 0, 0, 1]) == 0)
        #expect(program.evaluate(features: [900]) == 0)
        let buffer: [Double] = [601, 0, 0, 0, 5]
        buffer.withUnsafeBufferPointer { features in
            #expect(program.evaluate(features: features, traits: NumberTraits(), score: 0) == 1)
        }
    }

    @Test func constantsAreFoldedAndFeaturesAreNot() throws {
        #expect(try RuleTestSupport.victimProgram("1 + 2 * 3").constantValue == 7)
        #expect(try RuleTestSupport.victimProgram("min(1h, 2h) / 60").constantValue == 60)
        #expect(try RuleTestSupport.victimProgram("calls_in * (2 + 3)").constantValue == nil)
        let folded = try RuleTestSupport.victimProgram("calls_in * (2 + 3)")
        #expect(folded.code == [.feature(4), .constant(5), .multiply])
    }

    /// `feature op constant` compiles to one fused instruction that gives what the three
    /// separate ones give, on either side of the constant and at it.
    @Test func featureComparedWithAConstantIsOneInstruction() throws {
        for op in ["<", "<=", ">", ">=", "==", "!="] {
            let fused = try RuleTestSupport.victimProgram("calls_in \(op) 5")
            #expect(fused.code.count == 1, "calls_in \(op) 5")
            // `5 op' calls_in` with the mirrored operator is not fused: the reference.
            let mirrored = ["<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="][op] ?? op
            let plain = try RuleTestSupport.victimProgram("5 \(mirrored) calls_in")
            #expect(plain.code.count == 3)
            for x in [4.0, 5, 6, -1, .nan] {
                #expect(fused.evaluate(features: [0, 0, 0, 0, x]) == plain.evaluate(features: [0, 0, 0, 0, x]), "\(x) \(op) 5")
            }
        }
        // In a conjunction the short-circuit jump skips the fused right operand exactly.
        let both = try RuleTestSupport.victimProgram("calls_in >= 5 and calls_in < 8")
        #expect(both.evaluate(features: [0, 0, 0, 0, 6]) == 1)
        #expect(both.evaluate(features: [0, 0, 0, 0, 9]) == 0)
        #expect(both.evaluate(features: [0, 0, 0, 0, 2]) == 0)
    }

    @Test func deepRightNestingUsesAStackSizedAtCompileTime() throws {
        let depth = 40
        let expression = (0..<depth).map { _ in "(calls_in + " }.joined() + "calls_in" + String(repeating: ")", count: depth)
        let program = try RuleTestSupport.victimProgram(expression)
        #expect(program.stackDepth == depth + 1)
        #expect(program.evaluate(features: [0, 0, 0, 0, 2]) == Double(2 * (depth + 1)))
    }

    @Test func stringsOnlyAsTextTestArguments() {
        #expect(RuleTestSupport.errors("victim rule r weight 1 = \"170\"")
            == ["test.rules:1:26: a string (\"170\") is only allowed as an argument of prefix(), suffix() or contains()"])
        #expect(RuleTestSupport.errors("class c = prefix(170)\nvictim consider = c")
            == ["test.rules:1:18: prefix() arguments must be quoted strings, e.g. prefix(\"170\")"])
    }

    @Test func numberContextPrimitives() throws {
        let set = try RuleTestSupport.parse("""
            class virtual = prefix("170", "171")
            class hotline = length == 5 and prefix("955")
            class foreign = international
            class cambodia = prefix("+855")
            class hash = hashed
            class ends = suffix("678") and not contains("000")
            class local_virtual = virtual and not foreign
            victim consider = not international and not hashed
            victim rule r weight 1 = virtual or hotline or foreign or cambodia or hash or ends or local_virtual
            """)
        func classes(_ number: String) -> [String] { set.memberships(set.numberTraits(number)).classes }
        #expect(classes("17012345678") == ["virtual", "ends", "local_virtual"])
        #expect(classes("17112345000") == ["virtual", "local_virtual"])     // a set's second pattern
        #expect(classes("13900000678") == [])                                // the second set of a class
        #expect(classes("95588") == ["hotline"])
        #expect(classes("+85512345678") == ["foreign", "cambodia", "ends"])
        #expect(classes("a3f9c0de11") == ["hash"])
        #expect(classes("13900012678") == [])
        #expect(set.consider(set.numberTraits("13912345678")))
        #expect(!set.consider(set.numberTraits("+85512345678")))
        #expect(!set.consider(set.numberTraits("a3f9c0de11")))
        var bytes = Array("95588".utf8)
        let viaBytes = bytes.withUnsafeMutableBufferPointer { set.numberTraits(UnsafeBufferPointer($0)) }
        #expect(viaBytes == set.numberTraits("95588"))
    }
}
