# Found by tests/hostile.rs before the fuzzers ran: a local used twice in its own cycle was
# unrolled to the reference depth limit, 2^64 paths cut short only by the evaluation budget
# (0.6 s and 130 MB for these lines). Cycles now stop at the first repeated local.
locals {
  a = local.a
  b = local.c
  c = [local.b, local.b]
  d = [local.e, local.e, local.e]
  e = [local.d, local.d, local.d]
}

resource "aws_ebs_volume" "v" {
  size      = 1
  encrypted = local.c[0]
  tags      = { x = local.d }
}
