//! `cinesync-email-invite`: emails a link to join the running session. See
//! `cinesync_handler::email_invite`.

fn main() -> std::process::ExitCode {
    use cinesync_handler::email_invite::{run, Options};
    cinesync_handler::main::<Options>("cinesync-email-invite", run)
}
