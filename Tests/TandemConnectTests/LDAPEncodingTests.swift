import Testing

@testable import TandemConnect

@Suite("LDAP encoding: BER and filters")
struct LDAPEncodingTests {
    @Test("integers take the fewest octets, two's complement")
    func integers() throws {
        #expect(BERElement.integer(0).encoded == [0x02, 0x01, 0x00])
        #expect(BERElement.integer(128).encoded == [0x02, 0x02, 0x00, 0x80])
        #expect(BERElement.integer(300).encoded == [0x02, 0x02, 0x01, 0x2C])
        #expect(BERElement.integer(-1).encoded == [0x02, 0x01, 0xFF])
        for value in [0, 1, 127, 128, 255, 256, 65_535, -129, 2_147_483_647] {
            let (decoded, size) = try #require(try BERElement.decode(BERElement.integer(value).encoded[...]))
            #expect(try decoded.integerValue() == value && size == BERElement.integer(value).encoded.count)
        }
    }

    @Test("long lengths, and a truncated element waits for more")
    func lengths() throws {
        let long = BERElement.octetString(String(repeating: "x", count: 300))
        #expect(Array(long.encoded.prefix(4)) == [0x04, 0x82, 0x01, 0x2C])
        #expect(try BERElement.decode(long.encoded.dropLast()) == nil)
        #expect(try BERElement.decode(long.encoded[...])?.element == long)
        #expect(throws: LDAPError.self) { try BERElement.decode([0x04, 0x80, 0x00][...]) }
    }

    @Test("filters as RFC 4515 writes them become RFC 4511's BER")
    func filters() throws {
        #expect(try LDAPFilter("(uid=a)").element.encoded == [0xA3, 0x08, 0x04, 0x03, 0x75, 0x69, 0x64, 0x04, 0x01, 0x61])
        #expect(try LDAPFilter("(objectClass=*)") == .present("objectClass"))
        #expect(try LDAPFilter("(pwdAccountLockedTime=*)").element.encoded.first == 0x87)
        #expect(
            try LDAPFilter("(&(objectClass=inetOrgPerson)(!(cn=张*三)))")
                == .and([
                    .equal("objectClass", Array("inetOrgPerson".utf8)),
                    .not(.substrings("cn", initial: Array("张".utf8), any: [], final: Array("三".utf8))),
                ]))
        #expect(try LDAPFilter("(cn=*a*b*)") == .substrings("cn", initial: nil, any: [[0x61], [0x62]], final: nil))
        #expect(try LDAPFilter("(|(uid>=m)(uid<=c)(cn~=li))").element.tag == 0xA1)
        #expect(
            try LDAPFilter("(userAccountControl:1.2.840.113556.1.4.803:=2)")
                == .extensible(attribute: "userAccountControl", rule: "1.2.840.113556.1.4.803", value: [0x32], dnAttributes: false))
        #expect(try LDAPFilter(#"(cn=a\2ab)"#) == .equal("cn", Array("a*b".utf8)))
        #expect(try LDAPFilter("(cn:=x)") == .extensible(attribute: "cn", rule: nil, value: [0x78], dnAttributes: false))
        for bad in ["uid=a", "(uid=a", "(uid=a))", "(=a)", "(cn=a(b)", #"(cn=\zz)"#, "(:=x)"] {
            #expect(throws: LDAPError.self, "\(bad)") { try LDAPFilter(bad) }
        }
    }

    @Test("what people type is escaped: it can never widen a filter")
    func escaping() throws {
        #expect(LDAPFilter.escape(#"a*(b)\"#) == #"a\2a\28b\29\5c"#)
        #expect(LDAPFilter.escape("吕布") == "吕布")
        #expect(try LDAPFilter("(uid=\(LDAPFilter.escape("*")))") == .equal("uid", [0x2A]), "a star stays a star, not 'present'")
        #expect(try LDAPFilter("(uid=\(LDAPFilter.escape("x)(uid=*")))") == .equal("uid", Array("x)(uid=*".utf8)))
    }
}
