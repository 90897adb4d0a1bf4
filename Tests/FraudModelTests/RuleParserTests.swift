import Testing
@testable import FraudModel

@Suite("RuleParser")
struct RuleParserTests {
    private func statement(_ text: String) throws(RuleDiagnostic) -> RuleStatement {
        var lexer = RuleLexer(bytes: Array(text.utf8), file: "p")
        let lines = lexer.logicalLines(startingAt: 0)
        var parser = RuleParser(lines[0], file: "p", source: Array(text.utf8))
        return try parser.parseStatement()
    }

    private func failure(_ text: String) -> String {
        do {
            _ = try statement(text)
            return "<no error>"
        } catch {
            return error.description
        }
    }

    @Test func everyStatementKindParses() throws {
        guard case .list(let name, let items) = try statement("list w = 95588, \"+85512345678\",").kind else {
            Issue.record("not a list"); return
        }
        #expect(name.text == "w" && items.count == 2)
        guard case .list(_, let fileItems) = try statement("list w = file \"lists/w.txt\"").kind,
            case .file(let path, _, _) = fileItems.first
        else { Issue.record("not a file list"); return }
        #expect(path == "lists/w.txt")
        guard case .list(_, let empty) = try statement("list watchlist =").kind else { Issue.record("empty"); return }
        #expect(empty.isEmpty)
        guard case .numberClass(let className, _) = try statement("class virtual = prefix(\"170\")").kind else {
            Issue.record("not a class"); return
        }
        #expect(className.text == "virtual")
        guard case .setting(_, let literal) = try statement("set window = 2d").kind else { Issue.record("set"); return }
        #expect(literal.value == 172_800)
        guard case .bias(.victim, let bias) = try statement("victim bias -4.5").kind else { Issue.record("bias"); return }
        #expect(bias.value == -4.5 && bias.range == 12..<16)
        guard case .rule(.caller, let rule) = try statement("caller rule r weight -2 label \"Long\" = a").kind else {
            Issue.record("rule"); return
        }
        #expect(rule.weight == -2 && rule.label == "Long" && rule.weightRange == 21..<23)
        guard case .suspect = try statement("caller suspect = w").kind,
            case .trusted = try statement("caller trusted = w").kind,
            case .consider = try statement("victim consider = not international").kind,
            case .tier(2, _) = try statement("tier 2 = score > 0.5").kind
        else { Issue.record("override or tier"); return }
    }

    @Test func literalsCarryTheirFormIntoTheTree() throws {
        guard case .tier(_, let source) = try statement("tier 1 = observed_hours >= 1d and 30% > true").kind,
              case .binary(.and, let left, let right) = source.expr.kind,
              case .binary(.greaterOrEqual, _, let day) = left.kind, case .number(let duration) = day.kind,
              case .binary(.greater, let share, let yes) = right.kind, case .number(let percent) = share.kind,
              case .number(let plain) = yes.kind
        else { Issue.record("unexpected tree"); return }
        #expect(duration == RuleNumberLiteral(value: 86_400, form: .duration, text: "1d"))
        #expect(day.line == 1 && day.column == 28)
        #expect(percent == RuleNumberLiteral(value: 0.3, form: .percent, text: "30%"))
        #expect(plain == RuleNumberLiteral(value: 1, form: .plain, text: "true"))
        guard case .setting(_, let literal) = try statement("set window = -2d").kind else { Issue.record("set"); return }
        #expect(literal.number == RuleNumberLiteral(value: -172_800, form: .duration, text: "-2d"))
        #expect(literal.range == 13..<16 && literal.column == 14)
    }

    @Test func expressionTextCollapsesContinuationsAndComments() throws {
        let text = "caller rule r weight 1 =   min(a,b)   # why\n    +  c*2"
        guard case .rule(_, let rule) = try statement(text).kind else { Issue.record("rule"); return }
        #expect(rule.expression.text == "min(a,b) + c*2")
    }

    @Test func syntaxErrorsPointAtTheOffendingToken() {
        #expect(failure("class a prefix(\"1\")") == "p:1:9: expected '=' after the class name, found 'prefix'")
        #expect(failure("caller rule r = a") == "p:1:15: expected 'weight' after the rule name, e.g. rule r weight 1.5 = …")
        #expect(failure("caller rule r weight x = a") == "p:1:22: expected a number after 'weight'")
        #expect(failure("caller rule r weight 1e999 = a") == "p:1:22: weight must be a finite number")
        #expect(failure("tier 4 = score > 0.5") == "p:1:6: tier must be 1, 2 or 3")
        #expect(failure("tier 1 = score > 0.5 )") == "p:1:22: unmatched ')'")
        #expect(failure("tier 1 = score 0.5") == "p:1:16: unexpected '0.5' after the end of the expression")
        #expect(failure("tier 1 = 1 < 2 < 3") == "p:1:16: comparisons cannot be chained; write 'a < b and b < c'")
        #expect(failure("tier 1 = (score") == "p:1:16: expected ')' to close the '(' at 1:10")
        #expect(failure("tier 1 = score and") == "p:1:19: expected a value at the end of the expression")
        #expect(failure("tier 1 =") == "p:1:9: expected an expression after '='")
        #expect(failure("victim suspect = a") == "p:1:8: expected 'bias', 'rule', 'consider' after 'victim', found 'suspect'")
        #expect(failure("clas a = 1") == "p:1:1: unknown statement 'clas'; expected list, class, set, caller, victim or tier; did you mean 'class'?")
        #expect(failure("list w = 1 2") == "p:1:12: expected ',' between list items, found '2'")
        #expect(failure("caller bias 1 2") == "p:1:15: unexpected '2' at the end of the statement")
    }

    @Test func nestingDeeperThanTheLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 70) + "1" + String(repeating: ")", count: 70)
        #expect(failure("tier 1 = \(deep)").contains("nested too deeply (more than 64 levels)"))
        let unary = String(repeating: "not ", count: 100) + "1"
        #expect(failure("tier 1 = \(unary)").contains("nested too deeply"))
        let fine = String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
        #expect(throws: Never.self) { try statement("tier 1 = \(fine)") }
        let longChain = (0..<300).map { _ in "1" }.joined(separator: " + ")
        #expect(failure("tier 1 = \(longChain)").contains("expression is too long"))
    }
}
