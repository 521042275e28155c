//! `cinesync-email-invite [--starttls] [--user USER] SMTP_HOST[:PORT] FROM TO...`: emails
//! a link to join the running cineSync session.

use std::time::Duration;

use cinesync::commands::Command;
use cinesync::EventHandler;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::{Failure, Outcome};

/// The environment variable holding the SMTP password for `--user`.
pub const PASSWORD_VARIABLE: &str = "CINESYNC_SMTP_PASSWORD";

/// How long to wait for the SMTP server at each step.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Email a link to join the running cineSync session.
///
/// Set it up in cineSync's script preferences, options first; cineSync adds its own
/// arguments after these. Offline sessions send nothing.
#[derive(Debug, clap::Parser)]
#[command(name = "cinesync-email-invite", version)]
pub struct Options {
    /// Upgrade the connection with STARTTLS (port 587 unless given), checking the
    /// server's certificate.
    #[arg(long)]
    pub starttls: bool,
    /// Log in as USER; the password comes from the environment variable
    /// CINESYNC_SMTP_PASSWORD.
    #[arg(long, value_name = "USER")]
    pub user: Option<String>,
    /// The SMTP server, with its port when not the default (25, or 587 with --starttls).
    #[arg(value_name = "SMTP_HOST[:PORT]")]
    pub server: String,
    /// The sender's address.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The addresses to invite.
    #[arg(value_name = "TO", required = true)]
    pub to: Vec<String>,
}

/// An SMTP server: host and optional port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The host name or IP address (without brackets).
    pub host: String,
    /// The port, when given.
    pub port: Option<u16>,
}

/// Reads `HOST`, `HOST:PORT`, `[IPV6]` or `[IPV6]:PORT`.
///
/// ```
/// use cinesync_handler::email_invite::{parse_server, Server};
///
/// assert_eq!(parse_server("mail.example.com:2525")?, Server { host: "mail.example.com".into(), port: Some(2525) });
/// assert_eq!(parse_server("[::1]")?, Server { host: "::1".into(), port: None });
/// assert!(parse_server("mail.example.com:smtp").is_err());
/// # Ok::<(), cinesync_handler::Failure>(())
/// ```
pub fn parse_server(text: &str) -> Result<Server, Failure> {
    let bad = |why: &str| Failure::trouble(format!("bad SMTP server `{text}`: {why}"));
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or_else(|| bad("`[` without `]`"))?;
        match after {
            "" => (host, None),
            _ => (
                host,
                Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| bad("expected `:PORT` after `]`"))?,
                ),
            ),
        }
    } else {
        match text.split_once(':') {
            Some((host, port)) if !port.contains(':') => (host, Some(port)),
            _ => (text, None),
        }
    };
    if host.is_empty() {
        return Err(bad("no host name"));
    }
    let port = port
        .map(|port| port.parse::<u16>().ok().filter(|&port| port > 0))
        .map(|port| port.ok_or_else(|| bad("the port must be a number from 1 to 65535")))
        .transpose()?;
    Ok(Server {
        host: host.to_owned(),
        port,
    })
}

/// The URL that joins session `key` (see [`cinesync::commands::Command::Join`]).
///
/// ```
/// use cinesync_handler::email_invite::join_url;
/// assert_eq!(join_url("AB CD/1")?, "cinesync://session/AB%20CD/1");
/// # Ok::<(), cinesync_handler::Failure>(())
/// ```
pub fn join_url(key: &str) -> Result<String, Failure> {
    let join = Command::Join {
        key: key.to_owned(),
    };
    join.to_url().map_err(|error| {
        Failure::input(format!(
            "cannot make a join URL for session key `{key}`: {error}"
        ))
    })
}

/// The invitation: subject `Join my cineSync session: KEY`, and a plain-text body with
/// the join URL on a line of its own between `<` and `>`, so that mail programs make it
/// clickable and no line is long enough to need quoted-printable soft breaks.
pub fn invitation(key: &str, from: &str, to: &[String]) -> Result<Message, Failure> {
    let mut builder = Message::builder()
        .from(mailbox(from)?)
        .subject(format!("Join my cineSync session: {key}"))
        .header(ContentType::TEXT_PLAIN);
    for address in to {
        builder = builder.to(mailbox(address)?);
    }
    let body = format!(
        "Come join my cineSync session! Just click here:\n<{}>\n",
        join_url(key)?
    );
    builder
        .body(body)
        .map_err(|error| Failure::trouble(format!("cannot build the email: {error}")))
}

fn mailbox(address: &str) -> Result<Mailbox, Failure> {
    address
        .parse()
        .map_err(|error| Failure::trouble(format!("bad email address `{address}`: {error}")))
}

/// Sends the invitation for the event's session; offline, sends nothing.
pub fn run(options: Options, event: &EventHandler) -> Result<Outcome, Failure> {
    let Some(key) = event.session_key() else {
        return Ok(Outcome::Skipped(
            "the session is offline, so there is nothing to join: no invitation was sent"
                .to_owned(),
        ));
    };
    let server = parse_server(&options.server)?;
    let message = invitation(key, &options.from, &options.to)?;
    let transport = transport(&options, &server)?;
    transport.send(&message).map_err(|error| {
        Failure::trouble(format!(
            "cannot send the invitation through {}: {error}",
            options.server
        ))
    })?;
    Ok(Outcome::Done(format!(
        "sent an invitation to join session {key} to {}",
        options.to.join(", ")
    )))
}

/// The SMTP connection: plain, or STARTTLS with a checked certificate; logged in when
/// `--user` is given.
fn transport(options: &Options, server: &Server) -> Result<SmtpTransport, Failure> {
    let mut builder = if options.starttls {
        SmtpTransport::starttls_relay(&server.host).map_err(|error| {
            Failure::trouble(format!("cannot set up TLS for {}: {error}", server.host))
        })?
    } else {
        SmtpTransport::builder_dangerous(&server.host)
    };
    if let Some(port) = server.port {
        builder = builder.port(port);
    }
    if let Some(user) = &options.user {
        let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            Failure::trouble(format!(
                "--user {user} needs the SMTP password in the environment variable {PASSWORD_VARIABLE}"
            ))
        })?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(builder.timeout(Some(TIMEOUT)).build())
}
