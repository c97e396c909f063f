//! EKS Fargate profiles (`aws_eks_fargate_profile`, `AWS::EKS::FargateProfile`, eksctl
//! `fargateProfiles`): which pods run on Fargate, each in its own micro-VM.

use super::eks_links::Link;

#[derive(Debug)]
pub struct FargateProfile {
    pub cluster: Link,
}
