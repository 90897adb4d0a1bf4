// MARK: - Builder

/// Turns statements into a ``RuleSet``: declares names, loads lists, compiles every expression
/// in its context, and collects all errors and warnings before deciding whether to throw.
struct RuleSetBuilder {
    let file: String
    let schema: RuleSchema
    let environment: RuleEnvironment

    private var findings: [RuleListLoader.Finding] = []
    private var listIndex: [String: Int] = [:]
    private var classIndex: [String: (index: Int, line: Int)] = [:]
    /// Where each list and class was declared, for duplicate and unused-name messages.
    private var declared: [String: RuleName] = [:]
    private var firstLines: [String: Int] = [:]
    private var suspect: [Program] = []
    private var trusted: [Program] = []
    private var consider: [Program] = []
    private let callerFeatures: [String: Int]
    private let victimFeatures: [String: Int]

    init(file: String, schema: RuleSchema, environment: RuleEnvironment) {
        self.file = file
        self.schema = schema
        self.environment = environment
        func index(_ names: [String]) -> [String: Int] {
            Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        callerFeatures = index(schema.callerFeatures)
        victimFeatures = index(schema.victimFeatures)
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    mutating func build(_ bytes: [UInt8]) throws(RuleSetError) -> RuleSet {
        guard bytes.count <= RuleLimits.maxSourceBytes else {
            throw .invalid([diagnostic(1, 1, "rules file is larger than 1 MiB (\(bytes.count) bytes); is this the right file?")])
        }
        if let bad = Self.firstInvalidUTF8(bytes) {
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = bytes[lineStart..<bad].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            throw .invalid([diagnostic(line, column, "not valid UTF-8 text (byte 0x\(byte)); save the rules file as UTF-8")])
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var set = RuleSet(schema: schema, source: RuleSource(text: String(decoding: bytes, as: UTF8.self), file: file))
        set.source.contentStart = start

        let statements = parseStatements(bytes, from: start)
        declare(statements, into: &set)
        for statement in statements { apply(statement, to: &set) }
        set.suspectWhen = Program.combine(suspect, with: .or, separator: " or ")
        set.trustedWhen = Program.combine(trusted, with: .or, separator: " or ")
        set.considerWhen = Program.combine(consider, with: .and, separator: " and ")
        warnUnused(set)

        let sorted = findings.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element.diagnostic)
        var errors = sorted.filter { $0.severity == .error }
        if errors.count > RuleLimits.maxDiagnostics {
            let next = errors[RuleLimits.maxDiagnostics]
            errors = Array(errors.prefix(RuleLimits.maxDiagnostics))
            errors.append(RuleDiagnostic(
                file: next.file, line: next.line, column: next.column,
                message: "too many errors; stopping after \(RuleLimits.maxDiagnostics)"))
        }
        guard errors.isEmpty else { throw .invalid(errors) }
        set.warnings = sorted.filter { $0.severity == .warning }
        return set
    }

    // MARK: - Parsing

    private mutating func parseStatements(_ bytes: [UInt8], from start: Int) -> [RuleStatement] {
        var lexer = RuleLexer(bytes: bytes, file: file)
        let lines = lexer.logicalLines(startingAt: start)
        lexer.diagnostics.forEach { report($0) }
        var statements: [RuleStatement] = []
        for line in lines where !line.failed {
            var parser = RuleParser(line, file: file, source: bytes)
            do {
                statements.append(try parser.parseStatement())
            } catch {
                report(error)
            }
        }
        return statements
    }

    // MARK: - Declarations

    /// Lists and classes first, so any statement may use a list declared further down, and a
    /// class that uses a later class gets a precise message rather than "unknown".
    private mutating func declare(_ statements: [RuleStatement], into set: inout RuleSet) {
        for statement in statements {
            switch statement.kind {
            case .list(let name, let items):
                guard declareName(name, as: "list") else { continue }
                guard set.lists.count < RuleLimits.maxLists else {
                    report(name, "too many lists (at most \(RuleLimits.maxLists))")
                    continue
                }
                let loaded = RuleListLoader(file: file, environment: environment).load(items)
                findings += loaded.findings
                listIndex[name.text] = set.lists.count
                set.appendList(NamedList(name: name.text, numbers: loaded.numbers, line: name.line))
            case .numberClass(let name, _):
                guard declareName(name, as: "class") else { continue }
                guard classIndex.count < RuleLimits.maxClasses else {
                    report(name, "too many classes (at most \(RuleLimits.maxClasses))")
                    continue
                }
                classIndex[name.text] = (classIndex.count, name.line)
            default:
                continue
            }
        }
    }

    private mutating func declareName(_ name: RuleName, as kind: String) -> Bool {
        let text = name.text
        if RuleVocabulary.reserved.contains(text) {
            report(name, "'\(text)' is a reserved word and cannot name a \(kind)")
        } else if callerFeatures[text] != nil || victimFeatures[text] != nil {
            let side = callerFeatures[text] != nil ? "caller" : "victim"
            report(name, "'\(text)' is already a \(side) feature; choose another \(kind) name")
        } else if let first = declared[text] {
            let what = listIndex[text] != nil ? "list" : "class"
            report(name, "duplicate name '\(text)': a \(what) of that name is defined on line \(first.line)")
        } else {
            declared[text] = name
            return true
        }
        return false
    }

    // MARK: - Statements

    private mutating func apply(_ statement: RuleStatement, to set: inout RuleSet) {
        switch statement.kind {
        case .list:
            break
        case .numberClass(let name, let expression):
            // Skip duplicates: only the declaration that owns the index is compiled.
            guard let entry = classIndex[name.text], entry.line == name.line else { return }
            var scope = scope(.number, "a class definition")
            scope.visibleClasses = entry.index
            scope.currentClass = name.text
            if let program = compile(expression, scope) {
                set.classes.append(NumberClass(name: name.text, program: program, line: name.line))
            }
        case .setting(let name, let literal):
            guard let setting = schema.settings.first(where: { $0.name == name.text }) else {
                let hint = RuleSuggestion.hint(name.text, among: schema.settings.map(\.name))
                return report(name, "unknown setting '\(name.text)'\(hint)")
            }
            guard firstDefinition("set \(name.text)", line: name.line, name, "setting '\(name.text)' is already set") else { return }
            var value = literal.value
            if let unit = setting.unit {
                do {
                    value = try unit.value(of: literal.number, for: name.text)
                } catch {
                    return report(diagnostic(literal.line, literal.column, error.message))
                }
            }
            set.settings[name.text] = value
            set.source.settingRanges[name.text] = literal.range
        case .bias(let side, let literal):
            let where_ = RuleName(text: "bias", line: literal.line, column: literal.column)
            guard firstDefinition("\(side) bias", line: literal.line, where_, "duplicate \(side.rawValue) bias") else { return }
            guard literal.value.isFinite else { return report(where_, "bias must be a finite number") }
            if side == .caller {
                set.caller.bias = literal.value
                set.source.callerBiasRange = literal.range
            } else {
                set.victim.bias = literal.value
                set.source.victimBiasRange = literal.range
            }
        case .rule(let side, let declaration):
            applyRule(side, declaration, statement, to: &set)
        case .suspect(let expression):
            if let program = compile(expression, scope(.caller, "a caller suspect condition")) { suspect.append(program) }
        case .trusted(let expression):
            if let program = compile(expression, scope(.caller, "a caller trusted condition")) { trusted.append(program) }
        case .consider(let expression):
            if let program = compile(expression, scope(.number, "a victim consider condition")) { consider.append(program) }
        case .tier(let number, let expression):
            let name = RuleName(text: "tier", line: statement.line, column: statement.column)
            guard firstDefinition("tier \(number)", line: statement.line, name, "tier \(number) is already defined") else { return }
            if let program = compile(expression, scope(.tier, "a tier condition")) { set.tiers[number - 1] = program }
            set.source.tierRanges[number] = statement.sourceRange
        }
    }

    private mutating func applyRule(
        _ side: RuleModelSide, _ declaration: RuleDeclaration, _ statement: RuleStatement, to set: inout RuleSet
    ) {
        let name = declaration.name
        let key = "\(side) rule \(name.text)"
        guard firstDefinition(key, line: name.line, name, "duplicate \(side.rawValue) rule '\(name.text)'") else { return }
        if declaration.weight == 0 {
            warn(name, "rule '\(name.text)' has weight 0, so it never changes the score")
        }
        let context: RuleContext = side == .caller ? .caller : .victim
        guard let program = compile(declaration.expression, scope(context, "a \(side.rawValue) rule")) else { return }
        let rule = Rule(
            name: name.text, label: declaration.label ?? name.text, weight: declaration.weight,
            program: program, expressionText: declaration.expression.text, line: statement.line)
        if side == .caller {
            set.caller.rules.append(rule)
            set.source.callerWeightRanges[name.text] = declaration.weightRange
            if set.source.callerBiasInsertion == nil { set.source.callerBiasInsertion = statement.lineStartOffset }
        } else {
            set.victim.rules.append(rule)
            set.source.victimWeightRanges[name.text] = declaration.weightRange
            if set.source.victimBiasInsertion == nil { set.source.victimBiasInsertion = statement.lineStartOffset }
        }
    }

    // MARK: - Helpers

    private func scope(_ context: RuleContext, _ role: String) -> RuleScope {
        var scope = RuleScope(context: context, role: role, units: schema.units, lists: listIndex, classes: classIndex)
        switch context {
        case .caller:
            scope.features = callerFeatures
            scope.otherFeatures = Set(victimFeatures.keys)
            scope.otherSide = "victim"
        case .victim, .tier:
            scope.features = victimFeatures
            scope.otherFeatures = Set(callerFeatures.keys)
            scope.otherSide = "caller"
        case .number:
            break
        }
        return scope
    }

    private mutating func compile(_ expression: RuleExpressionSource, _ scope: RuleScope) -> Program? {
        let (program, diagnostics) = RuleCompiler.compile(expression, scope: scope, file: file)
        diagnostics.forEach { report($0) }
        return program
    }

    /// Records the first definition of `key`; reports a duplicate with the first line otherwise.
    private mutating func firstDefinition(_ key: String, line: Int, _ name: RuleName, _ message: String) -> Bool {
        if let first = firstLines[key] {
            report(name, "\(message) (first defined on line \(first))")
            return false
        }
        firstLines[key] = line
        return true
    }

    private mutating func warnUnused(_ set: RuleSet) {
        var programs = set.classes.map(\.program) + suspect + trusted + consider + set.tiers.compactMap { $0 }
        programs += (set.caller.rules + set.victim.rules).map(\.program)
        var usedLists = Set<Int>()
        var usedClasses = Set<Int>()
        for instruction in programs.lazy.flatMap(\.code) {
            if case .listBit(let i) = instruction { usedLists.insert(i) }
            if case .classBit(let i) = instruction { usedClasses.insert(i) }
        }
        for (name, index) in listIndex where !usedLists.contains(index) {
            if let position = declared[name] { warn(position, "list '\(name)' is defined but never used") }
        }
        for (name, entry) in classIndex where !usedClasses.contains(entry.index) {
            if let position = declared[name] { warn(position, "class '\(name)' is defined but never used") }
        }
    }

    private func diagnostic(_ line: Int, _ column: Int, _ message: String) -> RuleDiagnostic {
        RuleDiagnostic(file: file, line: line, column: column, message: message)
    }

    private mutating func report(_ diagnostic: RuleDiagnostic) {
        findings.append((diagnostic.line, diagnostic.column, diagnostic))
    }

    private mutating func report(_ name: RuleName, _ message: String) {
        report(diagnostic(name.line, name.column, message))
    }

    private mutating func warn(_ name: RuleName, _ message: String) {
        var warning = diagnostic(name.line, name.column, message)
        warning.severity = .warning
        report(warning)
    }
}
