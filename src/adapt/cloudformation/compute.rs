//! The arithmetic behind `Fn::Base64` and `Fn::Cidr`, on plain values.
//!
//! Kept apart from the resolver so the resolver reads as "which inputs are known", and these as
//! "what CloudFormation computes from them".

/// Standard Base64 with padding, as `Fn::Base64` produces it.
pub fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `Fn::Cidr [block, count, bits]` for IPv4: `count` consecutive subnets of `bits` host bits
/// carved from the start of `block`. `None` when CloudFormation would reject the arguments (or
/// for IPv6, which is not evaluated).
pub fn cidr(block: &str, count: u32, host_bits: u32) -> Option<Vec<String>> {
    let (address, prefix) = block.split_once('/')?;
    let prefix: u32 = prefix.parse().ok()?;
    let address: std::net::Ipv4Addr = address.parse().ok()?;
    if prefix > 32 || host_bits > 32 || 32 - host_bits < prefix || !(1..=256).contains(&count) {
        return None;
    }
    let subnets = 1u64 << (32 - host_bits - prefix);
    if u64::from(count) > subnets {
        return None;
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let network = u64::from(u32::from(address) & mask);
    let size = 1u64 << host_bits;
    Some(
        (0..u64::from(count))
            .map(|i| {
                let start = u32::try_from(network + i * size).unwrap_or(u32::MAX);
                format!("{}/{}", std::net::Ipv4Addr::from(start), 32 - host_bits)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(""), "");
        assert_eq!(base64("f"), "Zg==");
        assert_eq!(base64("fo"), "Zm8=");
        assert_eq!(base64("foo"), "Zm9v");
        assert_eq!(base64("#!/bin/bash\n"), "IyEvYmluL2Jhc2gK");
    }

    #[test]
    fn cidr_carves_subnets() {
        assert_eq!(
            cidr("192.168.0.0/24", 6, 5).unwrap(),
            vec![
                "192.168.0.0/27",
                "192.168.0.32/27",
                "192.168.0.64/27",
                "192.168.0.96/27",
                "192.168.0.128/27",
                "192.168.0.160/27"
            ]
        );
        assert_eq!(
            cidr("10.0.0.0/16", 2, 8).unwrap(),
            vec!["10.0.0.0/24", "10.0.1.0/24"]
        );
        assert_eq!(cidr("10.0.0.0/24", 300, 1), None);
        assert_eq!(cidr("10.0.0.0/24", 2, 9), None);
        assert_eq!(cidr("2001:db8::/56", 2, 64), None);
        assert_eq!(cidr("0.0.0.0/0", 1, 32).unwrap(), vec!["0.0.0.0/0"]);
    }
}
