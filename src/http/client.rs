//! Who the client is, by address: the peer, unless the peer is a proxy we trust
//! (`--trusted-proxies`), in which case the address it forwards (`Forwarded` or
//! `X-Forwarded-For`), read from the right past every trusted hop. Sign-in throttling and
//! the log use it; a client cannot choose its address by sending the headers itself.
//! And the partner key it names, if any.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header::HeaderMap;

use crate::config::canonical;
pub use crate::config::{Network, parse_networks};

/// The request header that carries a partner key (the `key` query parameter works too).
pub const KEY_HEADER: &str = "x-headpress-key";

/// The partner key of a request, from the header or the `key` query parameter.
pub fn partner_key(headers: &HeaderMap, query: &str) -> Option<String> {
    if let Some(k) = headers.get(KEY_HEADER).and_then(|v| v.to_str().ok()) {
        return Some(k.trim().to_owned()).filter(|k| !k.is_empty());
    }
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "key")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|k| !k.is_empty())
}

/// The client's address, as text (`unknown` when there is no peer, as in some tests).
pub fn address(req: &HttpRequest, trusted: &[Network]) -> String {
    let Some(peer) = req.peer_addr().map(|a| canonical(a.ip())) else {
        return "unknown".to_owned();
    };
    client_ip(peer, req.headers(), trusted).to_string()
}

fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    // The hops the proxies saw, nearest last; past the trusted ones is the client.
    let hops = forwarded_for(headers);
    hops.iter()
        .rev()
        .find(|ip| !is_trusted(**ip))
        .or(hops.first())
        .copied()
        .unwrap_or(peer)
}

/// The addresses of `Forwarded: for=...` (RFC 7239), else of `X-Forwarded-For`, in order;
/// obfuscated identifiers and `unknown` end the chain (nothing beyond them is believed).
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let standard: Vec<String> = headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| v.trim().trim_matches('"').to_owned())
            })
        })
        .collect();
    let raw: Vec<String> = if standard.is_empty() {
        headers
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_owned())
            .collect()
    } else {
        standard
    };
    let mut hops = Vec::new();
    for node in raw {
        match node_ip(&node) {
            Some(ip) => hops.push(canonical(ip)),
            // Whatever came before an address we cannot read is not to be believed.
            None => hops.clear(),
        }
    }
    hops
}

/// `192.0.2.1`, `192.0.2.1:4711`, `[2001:db8::1]`, `[2001:db8::1]:4711`, `2001:db8::1`.
fn node_ip(node: &str) -> Option<IpAddr> {
    let node = node.trim();
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    node.parse().ok().or_else(|| {
        let (host, port) = node.rsplit_once(':')?;
        port.parse::<u16>().ok()?;
        host.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_match() {
        let n = Network::parse("10.0.0.0/8").unwrap();
        assert!(n.contains(ip("10.200.3.4")));
        assert!(!n.contains(ip("11.0.0.1")));
        assert!(n.contains(ip("::ffff:10.1.2.3")));
        assert!(Network::parse("::1").unwrap().contains(ip("::1")));
        assert!(Network::parse("fd00::/8").unwrap().contains(ip("fd12::5")));
        assert!(Network::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Network::parse("10.0.0.0/33").is_err());
        assert!(Network::parse("localhost").is_err());
        assert_eq!(parse_networks("127.0.0.1, 10.0.0.0/8").unwrap().len(), 2);
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let trusted = parse_networks("127.0.0.1,10.0.0.0/8").unwrap();
        let xff = headers(&[("x-forwarded-for", "203.0.113.9, 198.51.100.7, 10.0.0.2")]);
        // From a trusted proxy: the nearest untrusted hop.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &xff, &trusted),
            ip("198.51.100.7")
        );
        // From anyone else the header is the client's own word: ignored.
        assert_eq!(
            client_ip(ip("192.0.2.50"), &xff, &trusted),
            ip("192.0.2.50")
        );
        // Nothing trusted: the peer.
        assert_eq!(client_ip(ip("127.0.0.1"), &xff, &[]), ip("127.0.0.1"));
        let fwd = headers(&[(
            "forwarded",
            "for=192.0.2.60;proto=http, for=\"[2001:db8::7]:4711\"",
        )]);
        assert_eq!(client_ip(ip("10.1.1.1"), &fwd, &trusted), ip("2001:db8::7"));
        // Only proxies in the chain: the farthest one stands for the client.
        let all = headers(&[("x-forwarded-for", "10.0.0.3")]);
        assert_eq!(client_ip(ip("127.0.0.1"), &all, &trusted), ip("10.0.0.3"));
        let obfuscated = headers(&[("x-forwarded-for", "203.0.113.9, _hidden, 10.0.0.2")]);
        assert_eq!(
            client_ip(ip("127.0.0.1"), &obfuscated, &trusted),
            ip("10.0.0.2")
        );
    }
}
