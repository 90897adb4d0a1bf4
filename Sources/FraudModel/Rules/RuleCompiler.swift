// MARK: - Compiler

/// Turns a syntax tree into a ``Program``: resolves identifiers against a ``RuleScope``, checks
/// functions and strings, and folds constant sub-expressions.
///
/// All errors in an expression are collected (an unresolved part compiles to a placeholder
/// constant so the rest is still checked).
struct RuleCompiler {
    let scope: RuleScope
    let file: String
    private(set) var diagnostics: [RuleDiagnostic] = []
    private var patterns: [[[UInt8]]] = []

    init(scope: RuleScope, file: String) {
        self.scope = scope
        self.file = file
    }

    /// Compiles one expression; nil when it has errors (then see `diagnostics`).
    static func compile(
        _ source: RuleExpressionSource, scope: RuleScope, file: String
    ) -> (Program?, [RuleDiagnostic]) {
        var compiler = RuleCompiler(scope: scope, file: file)
        let code = compiler.emit(source.expr)
        guard compiler.diagnostics.isEmpty else { return (nil, compiler.diagnostics) }
        return (Program(text: source.text, code: code, patterns: compiler.patterns), [])
    }

    // MARK: - Emission

    private mutating func emit(_ expr: RuleExpr) -> [RuleInstruction] {
        switch expr.kind {
        case .number(let literal):
            return [.constant(literal.value)]
        case .string(let text):
            report(expr, "a string (\"\(text)\") is only allowed as an argument of prefix(), suffix() or contains()")
            return [.constant(0)]
        case .identifier(let name):
            switch scope.resolve(name) {
            case .value(let instruction): return [instruction]
            case .failure(let message):
                report(expr, message)
                return [.constant(0)]
            }
        case .unary(let op, let operand):
            return fold(emit(operand) + [RuleInstruction(op)])
        case .binary(let op, let lhs, let rhs) where op == .and || op == .or:
            let left = emit(lhs), right = emit(rhs)
            if Self.isConstant(left) && Self.isConstant(right) { return fold(left + right + [RuleInstruction(op)]) }
            let jump: RuleInstruction = op == .and ? .jumpIfFalse(skip: right.count + 1) : .jumpIfTrue(skip: right.count + 1)
            return left + [jump] + right + [.truthy]
        case .binary(let op, let lhs, let rhs):
            let (lhs, rhs) = op.isComparison ? readingLiterals(lhs, rhs) : (lhs, rhs)
            let left = emit(lhs), right = emit(rhs)
            if left.count == 1, right.count == 1, case .feature(let i) = left[0], case .constant(let c) = right[0],
               let fused = RuleInstruction.featureComparison(op, feature: i, constant: c) {
                return [fused]
            }
            return fold(left + right + [RuleInstruction(op)])
        case .call(let name, let arguments):
            return emitCall(name, arguments, at: expr)
        }
    }

    private mutating func emitCall(_ name: String, _ arguments: [RuleExpr], at expr: RuleExpr) -> [RuleInstruction] {
        switch name {
        case "log1p", "abs":
            guard checkArity(name, arguments, at: expr, exactly: 1, shape: "x") else { return [.constant(0)] }
            return fold(emit(arguments[0]) + [name == "abs" ? .abs : .log1p])
        case "min", "max":
            guard arguments.count >= 2 else {
                report(expr, "\(name)() takes at least 2 arguments, got \(arguments.count)")
                return [.constant(0)]
            }
            // Pairwise, so the stack stays shallow however many arguments there are.
            var code = emit(arguments[0])
            for argument in arguments.dropFirst() {
                code = fold(code + emit(argument) + [name == "min" ? .min : .max])
            }
            return code
        case "clamp":
            guard checkArity(name, arguments, at: expr, exactly: 3, shape: "x, lo, hi") else { return [.constant(0)] }
            return fold(arguments.flatMap { emit($0) } + [.clamp])
        case "prefix", "suffix", "contains":
            return emitTextTest(name, arguments, at: expr)
        default:
            if case .value = scope.resolve(name) {
                report(expr, "'\(name)' is not a function")
            } else {
                report(expr, "unknown function '\(name)'" + RuleSuggestion.hint(name, among: RuleVocabulary.functions))
            }
            return [.constant(0)]
        }
    }

    private mutating func emitTextTest(_ name: String, _ arguments: [RuleExpr], at expr: RuleExpr) -> [RuleInstruction] {
        guard scope.context == .number else {
            report(expr, "\(name)() tests the number itself and is only available in class and consider expressions; define a class and use its name here")
            return [.constant(0)]
        }
        guard !arguments.isEmpty else {
            report(expr, "\(name)() needs at least one quoted string, e.g. \(name)(\"170\")")
            return [.constant(0)]
        }
        var set: [[UInt8]] = []
        for argument in arguments {
            guard case .string(let text) = argument.kind else {
                report(argument, "\(name)() arguments must be quoted strings, e.g. \(name)(\"170\")")
                continue
            }
            set.append(Array(text.utf8))
        }
        patterns.append(set)
        let index = patterns.count - 1
        switch name {
        case "prefix": return [.prefix(index)]
        case "suffix": return [.suffix(index)]
        default: return [.contains(index)]
        }
    }

    private mutating func checkArity(
        _ name: String, _ arguments: [RuleExpr], at expr: RuleExpr, exactly count: Int, shape: String
    ) -> Bool {
        guard arguments.count != count else { return true }
        let noun = count == 1 ? "argument" : "arguments"
        report(expr, "\(name)() takes \(count) \(noun) (\(name)(\(shape))), got \(arguments.count)")
        return false
    }

    // MARK: - Folding

    /// Whether `code` is a single constant.
    private static func isConstant(_ code: [RuleInstruction]) -> Bool {
        if code.count == 1, case .constant = code[0] { return true }
        return false
    }

    /// Replaces an operation whose operands are all constants by its value, computed by the
    /// same evaluator that runs programs, so folding can never disagree with evaluation.
    private func fold(_ code: [RuleInstruction]) -> [RuleInstruction] {
        let operands = code.dropLast()
        guard !operands.isEmpty, operands.allSatisfy({ if case .constant = $0 { true } else { false } }) else {
            return code
        }
        let value = Program(text: "", code: code, patterns: []).evaluate()
        return [.constant(value)]
    }

    mutating func report(_ expr: RuleExpr, _ message: String) {
        diagnostics.append(RuleDiagnostic(file: file, line: expr.line, column: expr.column, message: message))
    }
}
