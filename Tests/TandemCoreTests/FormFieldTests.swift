import Foundation
import TandemCore
import Testing

@Suite("Form fields")
struct FormFieldTests {
    static let form = [
        FormField(key: "system", label: "系统", type: .singleChoice, isRequired: true, options: ["CRM", "ERP"]),
        FormField(key: "modules", label: "模块", type: .multipleChoice, isRequired: false, options: ["a", "b", "c"]),
        FormField(key: "seats", label: "数量", type: .number, isRequired: false),
        FormField(key: "start", label: "开始", type: .date, isRequired: false),
        FormField(key: "note", label: "说明", type: .text, isRequired: false),
    ]

    @Test func validAnswersComeBackCanonical() throws {
        let answers = try FormField.validateAnswers([
            "system": .text("CRM"), "modules": .choices(["c", "a"]), "seats": .text(" 12 "), "start": .text("2026-12-01"),
        ], against: Self.form)
        #expect(answers == ["system": .choice("CRM"), "modules": .choices(["a", "c"]), "seats": .number(12), "start": .date("2026-12-01")])
    }

    @Test("bad answers name their field", arguments: [
        (["modules": FormAnswer.choices(["a"])], "form.system"),
        (["system": .text("SAP")], "form.system"),
        (["system": .text("CRM"), "modules": .choices(["z"])], "form.modules"),
        (["system": .text("CRM"), "seats": .text("twelve")], "form.seats"),
        (["system": .text("CRM"), "start": .text("2026-02-30")], "form.start"),
        (["system": .text("CRM"), "unknown": .text("x")], "form.unknown"),
        (["system": .text("CRM"), "note": .number(3)], "form.note"),
    ])
    func badAnswers(answers: [String: FormAnswer], field: String) {
        #expect {
            _ = try FormField.validateAnswers(answers, against: Self.form)
        } throws: { error in
            (error as? TandemError)?.field == field
        }
    }

    @Test("bad definitions", arguments: [
        [FormField(key: "A", label: "x", type: .text, isRequired: false)],
        [FormField(key: "a", label: "x", type: .text, isRequired: false), FormField(key: "a", label: "y", type: .text, isRequired: false)],
        [FormField(key: "a", label: "x", type: .singleChoice, isRequired: false, options: [])],
        [FormField(key: "a", label: "x", type: .text, isRequired: false, options: ["o"])],
        [FormField(key: "a", label: " ", type: .text, isRequired: false)],
    ])
    func badDefinitions(fields: [FormField]) {
        #expect(throws: TandemError.self) { try FormField.validateDefinition(fields) }
    }
}
