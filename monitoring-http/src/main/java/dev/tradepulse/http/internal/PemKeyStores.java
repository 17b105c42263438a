package dev.tradepulse.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Turns a PEM certificate chain and an unencrypted PKCS#8 PEM private key
 * ({@code -----BEGIN PRIVATE KEY-----}) into an in-memory keystore for Jetty, with the JDK alone.
 *
 * <p>Thread-safe (stateless).
 */
public final class PemKeyStores {

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemKeyStores() {
    }

    /**
     * Loads the pair.
     *
     * @param certificates the certificate chain, server certificate first
     * @param privateKey the key, unencrypted PKCS#8 PEM (RSA, EC or EdDSA)
     * @param password the password to give the in-memory keystore
     * @return the keystore, one entry
     * @throws IOException if a file cannot be read or parsed; the message names the file, never its content
     */
    public static KeyStore load(Path certificates, Path privateKey, char[] password) throws IOException {
        List<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificates)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the PEM certificates in " + certificates + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no certificate in " + certificates);
        }
        PrivateKey key = key(privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("tradepulse", key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("the key in " + privateKey + " does not go with the certificate in " + certificates,
                    e);
        }
    }

    private static PrivateKey key(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IOException("the key in " + file + " must be unencrypted PKCS#8 PEM (" + BEGIN
                    + "); convert it with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("the key in " + file + " is not valid base64", e);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // the next algorithm may read it
            }
        }
        throw new IOException("the key in " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
    }
}
