//! What the fuzz targets share: scanning one in-memory file the way the binary would.

use iacguard::scan::{scan_sources, Options};
use iacguard::source::SourceFile;

/// Scans one file with every rule and renders the JSON report, on one worker thread with the
/// binary's stack size (so a deep recursion the binary survives is not reported as a crash).
pub fn scan_one(file: SourceFile) {
    static POOL: std::sync::Once = std::sync::Once::new();
    POOL.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .stack_size(64 * 1024 * 1024)
            .build_global();
    });
    let scan = scan_sources(vec![file], Vec::new(), &Options::default());
    let _ = iacguard::report::json::render(&scan);
}
