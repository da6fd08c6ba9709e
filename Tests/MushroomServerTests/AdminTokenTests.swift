import MushroomRPC
import Testing

@testable import MushroomServer

/// Whether a bootstrap's auth carries the operator's token.
@Suite struct AdminTokenTests {
    @Test func onlyTheTokenItselfUnderAdminIsCarried() {
        let token = AdminToken("s3cret")
        #expect(token.isCarried(by: ["admin": "s3cret"]))
        #expect(token.isCarried(by: ["admin": "s3cret", "user": "ada"]))
        for auth: JSONValue in [
            .null, "s3cret", ["admin": "s3cre"], ["admin": "s3cret!"], ["admin": "S3CRET"], ["admin": ""], ["admin": 7],
            ["token": "s3cret"], ["admin": ["s3cret"]],
        ] {
            #expect(!token.isCarried(by: auth), "\(auth.compactString)")
        }
    }

    @Test func anEmptyTokenAdmitsNobody() {
        let token = AdminToken("")
        for auth: JSONValue in [.null, ["admin": ""], [:]] { #expect(!token.isCarried(by: auth)) }
    }
}
