package io.socketee.socketio.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bcrypt verification against hashes made by the npm {@code bcryptjs} 2.4.3 (what {@code @socket.io/admin-ui} uses):
 * {@code bcrypt.hashSync(password, bcrypt.genSaltSync(cost))}, each checked there with {@code compareSync}. The
 * {@code $2b$} vector is a {@code $2a$} one relabelled, which bcryptjs also accepts.
 */
class BcryptHashTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "admin-pass|$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi",
        "admin-pass|$2a$04$i92fDo5gTnuO6TdV5WOG3etKNAKX1S5rwzMD4WpykoA0nE340WoPi",
        "admin-pass|$2a$10$UayYCfNKg4fikAO82tJu1u7NZ.IrjXES.UVc4BhtUv3fyEgyDHU62",
        "''|$2a$04$pytIXG/0pa2mZ4Pz6MCP8uDhEaADpQs0S.pbHq512aDPkdxbijilW",
        "pässwörd€😀|$2a$05$hc6V2OOI/zGWyQ5tnCLDOO6lSiVNYNNw6x.iePEh0pYoDxpC7AMmu",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|$2a$04$svagGtY9v7ckALUQmDBWYeJElTscoFRg6BFYa5GmgdI0zCgD0QlAi",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|$2a$04$T56N2WaASlpywzPXcgf0WedvVAj8eBchI3T4P1P41L91LZrXbtO/O",
        "admin-pass|$2b$04$3Pz6p0fnn2xna60RCH67JeLhDoSMd26SXfaAJZxg4W6XM4yZDmDXW",
    })
    void matchesWhatBcryptjsHashed(String password, String hash) {
        BcryptHash parsed = BcryptHash.parse(hash);
        assertTrue(parsed.matches(password));
        if (password.length() < 72) {   // beyond, only the first 72 bytes count
            assertFalse(parsed.matches(password + "!"), "one more character, another hash");
            assertFalse(parsed.matches(password.isEmpty() ? "x" : password.substring(1)));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // bcryptjs: only the first 72 bytes of the UTF-8 password count
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy|$2a$04$svagGtY9v7ckALUQmDBWYeJElTscoFRg6BFYa5GmgdI0zCgD0QlAi",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxy|$2a$04$Xv5gfajil4.30ZY0NYhdJOBLSoyc9JR4hPIn6//UiF8s.uq/y4z0W",
    })
    void onlyTheFirst72BytesCount(String password, String hash) {
        assertTrue(BcryptHash.parse(hash).matches(password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "admin-pass", "$2a$10$short", "$2x$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi",
        "$2a$03$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi",
        "$2a$32$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HIi",
        "$2a$10$yfUNoXEjlPShaNobqZk8h.ccEEGQElJ64J.kXoaZNlZrd2ZUZ2HI!"})
    void refusesWhatIsNotABcryptHash(String hash) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BcryptHash.parse(hash));
        assertTrue(e.getMessage().contains("bcrypt"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2y$04$3Pz6p0fnn2xna60RCH67JeLhDoSMd26SXfaAJZxg4W6XM4yZDmDXW"})
    void theYVersionIsTheSameAlgorithm(String hash) {
        assertTrue(BcryptHash.parse(hash).matches("admin-pass"));
        assertFalse(BcryptHash.parse(hash).matches(null));
        assertEquals(false, BcryptHash.parse(hash).matches("admin"));
    }
}
