//! Email a link to join the current session (an "event handler": cineSync runs it).
//!
//! In cineSync's script preferences, add:
//!
//!     /path/to/email_invitation smtp.example.com[:PORT] from_me@example.com my_friend@example.com
//!
//! cineSync appends `--key=…`, `--save-format=…` and friends and pipes the session in;
//! [`EventHandler`] sorts that out. (`cinesync-email-invite` in `handler/` is the complete
//! program: STARTTLS, login, several recipients, clear errors.)

use cinesync::commands::Command;
use cinesync::EventHandler;
use cinesync_handler::email_invite::parse_server;
use lettre::{Message, SmtpTransport, Transport};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let event = EventHandler::from_env()?;

    // Nobody can join an offline session.
    let Some(key) = event.session_key() else {
        eprintln!("offline session: no invitation sent");
        return Ok(());
    };

    // The script's own arguments come first: SMTP server, sender, recipient.
    let [server, from, to] = event.args() else {
        return Err("usage: email_invitation SMTP_HOST[:PORT] FROM TO".into());
    };

    let join_url = Command::Join {
        key: key.to_owned(),
    }
    .to_url()?;
    let message = Message::builder()
        .from(from.parse()?)
        .to(to.parse()?)
        .subject(format!("Join my cineSync session: {key}"))
        .body(format!(
            "Come join my cineSync session! Just click here:\n<{join_url}>\n"
        ))?;

    // Plain SMTP, on port 25 unless the server says `HOST:PORT` (read as the handler does).
    let server = parse_server(server)?;
    let mut transport = SmtpTransport::builder_dangerous(&server.host);
    if let Some(port) = server.port {
        transport = transport.port(port);
    }
    transport.build().send(&message)?;
    println!("invited {to} to session {key}");
    Ok(())
}
