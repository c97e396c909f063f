use crate::check::Context;
use crate::finding::Reporter;
use crate::model::aws::ecr::SCAN_ON_PUSH;
use crate::model::{Kind, Resource};
use crate::rules::Check;

declare_rule! {
    /// ## What it does
    /// Flags ECR repositories whose images are not scanned for vulnerabilities when pushed:
    /// `scan_on_push` is false (the default), and no registry scanning configuration of the
    /// scan (`aws_ecr_registry_scanning_configuration`,
    /// `AWS::ECR::RegistryScanningConfiguration`) has a scan-on-push or continuous rule whose
    /// filter matches the repository.
    ///
    /// ## Why is this bad?
    /// Images with known vulnerable packages reach the cluster unnoticed. Scanning on push
    /// reports CVEs in the operating system packages (and, with enhanced scanning, language
    /// packages) of every image as it arrives, before a node pulls it.
    ///
    /// ## How to fix
    /// Set `scan_on_push` to true, or configure registry-level scanning (enhanced scanning
    /// with Amazon Inspector covers every repository matched by its filters).
    ///
    /// ## Example
    /// ```tf,bad
    /// resource "aws_ecr_repository" "app" {
    ///   name                 = "app"
    ///   image_tag_mutability = "IMMUTABLE"
    /// }
    /// ```
    /// ```tf,good
    /// resource "aws_ecr_repository" "app" {
    ///   name                 = "app"
    ///   image_tag_mutability = "IMMUTABLE"
    ///   image_scanning_configuration {
    ///     scan_on_push = true
    ///   }
    /// }
    /// ```
    /// ```cfn-yaml,bad
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///       ImageScanningConfiguration:
    ///         ScanOnPush: false
    /// ```
    /// ```cfn-yaml,good
    /// Resources:
    ///   App:
    ///     Type: AWS::ECR::Repository
    ///     Properties:
    ///       RepositoryName: app
    ///   Scanning:
    ///     Type: AWS::ECR::RegistryScanningConfiguration
    ///     Properties:
    ///       ScanType: ENHANCED
    ///       Rules:
    ///         - ScanFrequency: CONTINUOUS_SCAN
    ///           RepositoryFilters:
    ///             - Filter: "*"
    ///               FilterType: WILDCARD
    /// ```
    /// ```cfn-json,bad
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app"}}}}
    /// ```
    /// ```cfn-json,good
    /// {"Resources": {"App": {"Type": "AWS::ECR::Repository", "Properties": {
    ///   "RepositoryName": "app", "ImageScanningConfiguration": {"ScanOnPush": true}}}}}
    /// ```
    ///
    /// ## References
    /// - [Scan images for software vulnerabilities in Amazon ECR](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html)
    /// - CIS Amazon EKS Benchmark 5.1.1; EKS hardening "image scanning" CCE-88990-7; NIST 800-53 RA-5
    pub EcrScanOnPushDisabled {
        id: "AWS-ECR-001",
        name: "ecr-scan-on-push-disabled",
        severity: Medium,
        refs: ["CIS EKS 5.1.1", "CCE-88990-7", "NIST 800-53 RA-5"],
        fix: "set `image_scanning_configuration.scan_on_push` to true, or configure registry scanning",
    }
}

impl Check for EcrScanOnPushDisabled {
    fn check(&self, resource: &Resource, cx: &Context, out: &mut Reporter) {
        let Kind::EcrRepository(repository) = &resource.kind else {
            return;
        };
        if !repository.scan_on_push.is_false() {
            return;
        }
        // A repository whose name is unknown may match any registry filter.
        let name = match &repository.name {
            Some(name) => name.get().map(String::as_str),
            None => None,
        };
        let registry_scans = cx.resources.iter().any(|r| match &r.kind {
            Kind::EcrRegistryScanning(scanning) => scanning.may_scan(name),
            _ => false,
        });
        if registry_scans {
            return;
        }
        let attr = out.name(&SCAN_ON_PUSH);
        let message = if repository.scan_on_push.is_default() {
            format!("images pushed to the repository are not scanned: `{attr}` is not set and defaults to false")
        } else {
            format!("images pushed to the repository are not scanned: `{attr}` is false")
        };
        out.report_value(&SCAN_ON_PUSH, &repository.scan_on_push, message);
    }
}
