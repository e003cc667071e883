import Testing
@testable import YuqingCore

struct EntityIDTests {
    @Test(arguments: [
        ("C7", "C7"), ("c7", "C7"), ("C07", "C7"), ("M2", "M2"), ("x3", "X3"), ("L4", "L4"), ("C1000000", "C1000000"),
    ])
    func parses(_ text: String, _ expected: String) {
        #expect(EntityID(parsing: text)?.description == expected)
    }

    @Test(arguments: ["", "C", "7", "CC7", "C7x", "Q7", "C0", "C-1", "C 7", "Ｃ7", "C７", "C99999999999999999999"])
    func refuses(_ text: String) {
        #expect(EntityID(parsing: text) == nil)
    }
}
