//! IP network functions: `cidrsubnet`, `cidrsubnets`, `cidrhost`, `cidrnetmask`.
//!
//! Security group and EKS public-access CIDRs are often computed with these, so a rule can
//! see `0.0.0.0/0` or a private range exactly as Terraform would compute it. Addresses are
//! held as `u128` with their width (32 for IPv4, 128 for IPv6).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{Call, Outcome};
use crate::parse::{Node, NodeKind};

/// A network prefix: an address, its width in bits and the prefix length.
#[derive(Clone, Copy)]
struct Net {
    addr: u128,
    bits: u32,
    len: u32,
}

fn all_ones(bits: u32) -> u128 {
    u128::MAX.checked_shr(128 - bits).unwrap_or(0)
}

/// The network mask of a prefix length.
fn mask(bits: u32, len: u32) -> u128 {
    all_ones(bits) & !(all_ones(bits).checked_shr(len).unwrap_or(0))
}

impl Net {
    fn first(self) -> u128 {
        self.addr & mask(self.bits, self.len)
    }

    fn last(self) -> u128 {
        self.first() | (all_ones(self.bits) & !mask(self.bits, self.len))
    }

    fn contains(self, addr: u128) -> bool {
        addr & mask(self.bits, self.len) == self.first()
    }

    fn show(self) -> String {
        format!("{}/{}", show_addr(self.addr, self.bits), self.len)
    }
}

fn parse_cidr(cx: &Call, index: usize) -> Result<Net, String> {
    let text = cx.text(index)?;
    let invalid = || {
        format!(
            "`{}`: {text:?} is not a network prefix like 10.0.0.0/16",
            cx.name
        )
    };
    let (addr, len) = text.split_once('/').ok_or_else(invalid)?;
    let (addr, bits) = match addr.parse::<IpAddr>().map_err(|_| invalid())? {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
        IpAddr::V6(v6) => (u128::from(v6), 128),
    };
    let len: u32 = len.parse().map_err(|_| invalid())?;
    if len > bits {
        return Err(invalid());
    }
    Ok(Net { addr, bits, len })
}

fn show_addr(addr: u128, bits: u32) -> String {
    if bits == 32 {
        Ipv4Addr::from(addr as u32).to_string()
    } else {
        Ipv6Addr::from(addr).to_string()
    }
}

/// `cidrsubnet(prefix, newbits, netnum)`.
pub fn cidrsubnet(cx: &Call) -> Outcome {
    cx.arity(3, 3)?;
    let net = parse_cidr(cx, 0)?;
    let (newbits, netnum) = (cx.integer(1)?, cx.integer(2)?);
    let len = i64::from(net.len) + newbits;
    if newbits < 0 || len > i64::from(net.bits) {
        return Err(format!(
            "`cidrsubnet`: {newbits} more bits do not fit a /{} prefix",
            net.len
        ));
    }
    if netnum < 0 || (newbits < 64 && netnum >= 1i64 << newbits) {
        return Err(format!(
            "`cidrsubnet`: network number {netnum} does not fit in {newbits} bits"
        ));
    }
    let len = len as u32;
    let shift = net.bits - len;
    let addr = net.first() | ((netnum as u128).checked_shl(shift).unwrap_or(0));
    let subnet = Net {
        addr,
        bits: net.bits,
        len,
    };
    Ok(cx.string(subnet.show()))
}

/// `cidrsubnets(prefix, newbits...)`: consecutive subnets, each aligned to its size.
pub fn cidrsubnets(cx: &Call) -> Outcome {
    cx.arity(1, usize::MAX)?;
    let net = parse_cidr(cx, 0)?;
    let mut lengths = Vec::new();
    for index in 1..cx.args.len() {
        let newbits = cx.integer(index)?;
        let len = i64::from(net.len) + newbits;
        if newbits < 1 || len > i64::from(net.bits) {
            return Err(format!(
                "`cidrsubnets`: {newbits} more bits do not fit a /{} prefix",
                net.len
            ));
        }
        lengths.push(len as u32);
    }
    let Some(&first_len) = lengths.first() else {
        return Ok(cx.list(Vec::new()));
    };
    let ones = all_ones(net.bits);
    // The subnet just before the network's first one, so the first step lands on it.
    let mut current = Net {
        addr: net.first().wrapping_sub(1) & ones,
        bits: net.bits,
        len: first_len,
    };
    let mut out = Vec::new();
    for len in lengths {
        // The end of the block of the new size that holds the current subnet's end.
        let last = Net {
            addr: current.last(),
            bits: net.bits,
            len,
        }
        .last();
        let next_addr = last.wrapping_add(1) & ones;
        if next_addr == 0 || !net.contains(next_addr) {
            return Err(format!(
                "`cidrsubnets`: not enough address space in {}",
                net.show()
            ));
        }
        current = Net {
            addr: next_addr & mask(net.bits, len),
            bits: net.bits,
            len,
        };
        out.push(Node::new(cx.span, NodeKind::Str(current.show())));
    }
    Ok(cx.list(out))
}

/// `cidrhost(prefix, hostnum)`: a negative number counts back from the last address.
pub fn cidrhost(cx: &Call) -> Outcome {
    cx.arity(2, 2)?;
    let net = parse_cidr(cx, 0)?;
    let hostnum = cx.integer(1)?;
    let host_bits = net.bits - net.len;
    let size = 1u128.checked_shl(host_bits).unwrap_or(0);
    let magnitude = u128::from(hostnum.unsigned_abs());
    let fits = if hostnum >= 0 {
        size == 0 || magnitude < size
    } else {
        size == 0 || magnitude <= size
    };
    if !fits {
        return Err(format!(
            "`cidrhost`: host number {hostnum} does not fit in {}",
            net.show()
        ));
    }
    let addr = if hostnum >= 0 {
        net.first() + magnitude
    } else {
        net.last() - (magnitude - 1)
    };
    Ok(cx.string(show_addr(addr, net.bits)))
}

/// `cidrnetmask("10.0.0.0/16")` is `"255.255.0.0"` (IPv4 only).
pub fn cidrnetmask(cx: &Call) -> Outcome {
    cx.arity(1, 1)?;
    let net = parse_cidr(cx, 0)?;
    if net.bits != 32 {
        return Err("`cidrnetmask`: only IPv4 prefixes have a netmask".to_string());
    }
    Ok(cx.string(show_addr(mask(32, net.len), 32)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn subnets() {
        assert_eq!(
            run("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), n(2.0)]),
            "\"10.0.2.0/24\""
        );
        assert_eq!(
            run("cidrsubnet", vec![s("10.1.2.3/16"), n(4.0), n(15.0)]),
            "\"10.1.240.0/20\""
        );
        assert_eq!(
            run(
                "cidrsubnet",
                vec![s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)]
            ),
            "\"fd00:fd12:3456:7800:a200::/72\""
        );
        assert!(run("cidrsubnet", vec![s("10.0.0.0/16"), n(8.0), n(256.0)]).starts_with("error"));
        assert!(run("cidrsubnet", vec![s("10.0.0.0/30"), n(8.0), n(0.0)]).starts_with("error"));
        assert!(run("cidrsubnet", vec![s("nonsense"), n(8.0), n(0.0)]).starts_with("error"));
        assert_eq!(
            run("cidrsubnet", vec![unknown(), n(8.0), n(0.0)]),
            "unknown"
        );
    }

    #[test]
    fn consecutive_subnets() {
        assert_eq!(
            run(
                "cidrsubnets",
                vec![s("10.1.0.0/16"), n(4.0), n(4.0), n(8.0), n(4.0)]
            ),
            "[\"10.1.0.0/20\",\"10.1.16.0/20\",\"10.1.32.0/24\",\"10.1.48.0/20\"]"
        );
        assert!(run(
            "cidrsubnets",
            vec![s("10.0.0.0/30"), n(1.0), n(1.0), n(1.0)]
        )
        .starts_with("error"));
    }

    #[test]
    fn hosts_and_masks() {
        assert_eq!(
            run("cidrhost", vec![s("10.12.112.0/20"), n(16.0)]),
            "\"10.12.112.16\""
        );
        assert_eq!(
            run("cidrhost", vec![s("10.12.112.0/20"), n(-2.0)]),
            "\"10.12.127.254\""
        );
        assert!(run("cidrhost", vec![s("10.0.0.0/30"), n(4.0)]).starts_with("error"));
        assert_eq!(
            run("cidrnetmask", vec![s("172.16.0.0/12")]),
            "\"255.240.0.0\""
        );
        assert_eq!(
            run("cidrsubnet", vec![s("0.0.0.0/0"), n(0.0), n(0.0)]),
            "\"0.0.0.0/0\""
        );
    }
}
