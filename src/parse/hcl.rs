//! HCL bodies through `hcl-edit`, whose tree already keeps byte spans.

use hcl_edit::structure::Body;

use super::nesting::{check_nesting, Comments};
use super::SyntaxError;

pub fn parse(text: &str) -> Result<Body, SyntaxError> {
    check_nesting(text, Comments::Hcl)?;
    hcl_edit::parser::parse_body(text).map_err(|error| {
        let message = error
            .message()
            .lines()
            .next()
            .unwrap_or("invalid HCL")
            .to_string();
        SyntaxError::new(message, error.location().offset())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_point_at_the_problem() {
        let text = "resource \"a\" \"b\" {\n  x = \n}\n";
        let error = parse(text).unwrap_err();
        assert!(error.offset >= 20, "{error:?}");
    }

    #[test]
    fn unterminated_heredoc_is_an_error() {
        assert!(parse("a = <<EOT\nnever closed\n").is_err());
    }
}
