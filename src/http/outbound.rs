//! Requests headpress makes itself (calendar imports, webhook deliveries): TLS with the
//! system's certificate authorities.

/// An OpenSSL connector that trusts this system's certificate authorities. OpenSSL is
/// built in (vendored), so it does not know where the system keeps them: look in the usual
/// places unless `SSL_CERT_FILE` says.
pub fn tls() -> Result<openssl::ssl::SslConnector, openssl::error::ErrorStack> {
    let mut builder = openssl::ssl::SslConnector::builder(openssl::ssl::SslMethod::tls())?;
    if std::env::var_os("SSL_CERT_FILE").is_none()
        && let Some(bundle) = [
            "/etc/ssl/certs/ca-certificates.crt",
            "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/cert.pem",
        ]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
    {
        builder.set_ca_file(bundle)?;
    }
    Ok(builder.build())
}
