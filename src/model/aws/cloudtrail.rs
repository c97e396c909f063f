//! AWS CloudTrail trails (`AWS::CloudTrail::Trail`, `aws_cloudtrail`).

use crate::model::{Attr, Val};

#[derive(Debug)]
pub struct Trail {
    /// Whether the trail records every region (default: false).
    pub multi_region: Val<bool>,
    /// Whether CloudTrail writes signed digest files (default: false).
    pub log_file_validation: Val<bool>,
    /// The KMS key that encrypts the log files, when one is named.
    pub kms_key_id: Option<Val<String>>,
}

pub const MULTI_REGION: Attr = Attr {
    id: "is_multi_region_trail",
    terraform: "is_multi_region_trail",
    cloudformation: "IsMultiRegionTrail",
    kubernetes: "is_multi_region_trail",
};
pub const LOG_FILE_VALIDATION: Attr = Attr {
    id: "enable_log_file_validation",
    terraform: "enable_log_file_validation",
    cloudformation: "EnableLogFileValidation",
    kubernetes: "enable_log_file_validation",
};
pub const KMS_KEY: Attr = Attr {
    id: "kms_key_id",
    terraform: "kms_key_id",
    cloudformation: "KMSKeyId",
    kubernetes: "kms_key_id",
};
