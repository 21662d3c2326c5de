use std::process::ExitCode;

use actix_web::{HttpServer, web};
use clap::{Parser, Subcommand};
use headpress::config::{DEFAULT_DATABASE_URL, ServeArgs};
use headpress::http::freshness::Watcher;
use headpress::http::state::AppState;
use headpress::users::Role;
use headpress::{build_app, db, demo, users};

#[derive(Parser)]
#[command(
    name = "headpress",
    version,
    about = "A fast, correct headless JSON content API"
)]
struct Cli {
    /// `postgres://...` or `postgresql://...` for PostgreSQL; a file path, `sqlite://PATH` or
    /// `file:PATH` for SQLite. Other schemes are refused.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    /// How long a write waits, in milliseconds, for SQLite's write lock while another
    /// process holds it (an import beside the server) before it is answered 503 with
    /// `Retry-After`.
    #[arg(
        long,
        env = "HEADPRESS_WRITE_WAIT_MS",
        default_value_t = 5000,
        global = true
    )]
    write_wait_ms: u32,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once at start-up; boxing the flattened flags buys nothing"
)]
enum Command {
    /// Apply pending migrations, then serve the API.
    Serve {
        /// Fill an empty database with demo content first.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        args: ServeArgs,
    },
    /// Apply pending migrations.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Import content from elsewhere (all or nothing; a second run updates).
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Keep content in step with a running WordPress (its edits, trashings and deletions).
    Sync {
        #[command(subcommand)]
        command: SyncCommand,
    },
    /// Write a consistent copy of the database to FILE while the server keeps running
    /// (SQLite: a database file; PostgreSQL: pg_dump's custom format). Copy the data
    /// folder's `uploads/` beside it: uploaded files are not in the database.
    Backup {
        /// Where to write it; must not exist yet.
        file: std::path::PathBuf,
    },
    /// Bring a backup back into an empty database (then apply pending migrations).
    Restore {
        /// A file written by `headpress backup`.
        file: std::path::PathBuf,
    },
    /// Fill an empty database with a synthetic site shaped like the real one (posts, pages,
    /// resources, events, terms, authors, reusable blocks), for benchmarks and trials.
    ///
    /// N posts come with about N/5 resources, N/15 events, N/50 pages and N/25 tags. The
    /// same N and seed give the same content; scheduled posts and events are placed around
    /// the day of the run. All or nothing, in one transaction.
    Generate {
        /// How many posts to make.
        #[arg(long, value_name = "N")]
        posts: usize,
        /// Seed of the random choices.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Add to a database that has content already (refused otherwise); slugs and
        /// terms already there are kept.
        #[arg(long)]
        append: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import the events of an iCalendar file or URL, matched by their UID.
    Ics {
        /// A file path, or an http(s) URL to download.
        source: String,
        /// Username of the author of new events (default: the first admin).
        #[arg(long)]
        author: Option<String>,
        /// Report what would happen without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import a WordPress site from its WXR export (Tools > Export).
    Wordpress {
        /// The export file.
        file: std::path::PathBuf,
        /// The site's `wp-content/uploads` folder, to copy attachments from (without it,
        /// attachments are reported and their files stay at their URLs).
        #[arg(long)]
        uploads: Option<std::path::PathBuf>,
        /// An iCalendar export of the site's events (All-in-One Event Calendar), whose
        /// recurrence, exceptions and venues are merged into the imported events.
        #[arg(long)]
        ics: Option<std::path::PathBuf>,
        /// Report what would happen without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum SyncCommand {
    /// Read a WordPress site through its REST API with an application password and write
    /// what changed since the last run (the first run copies everything). Items written
    /// stay read-only here until detached; safe to interrupt and run again.
    Wordpress {
        #[command(flatten)]
        site: headpress::config::WordpressArgs,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user who can sign in.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        #[arg(long, value_parser = ["admin", "editor", "author"])]
        role: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        email: String,
    },
}

fn import(database: &db::Location, command: ImportCommand) -> Result<(), String> {
    use headpress::import::ics;
    let location = database;
    let database = open(location, 1)?;
    let mut conn = database.pool.get().map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let summary = match command {
        ImportCommand::Wordpress {
            file,
            uploads,
            ics,
            dry_run,
        } => {
            use headpress::import::wordpress;
            let ics = match ics {
                Some(path) => Some(
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
                ),
                None => None,
            };
            let data_dir = location.data_dir();
            let data_dir = std::env::var_os("HEADPRESS_DATA_DIR")
                .map(std::path::PathBuf::from)
                .unwrap_or(data_dir);
            let storage = headpress::media::storage::LocalStorage::new(data_dir.join("uploads"));
            let options = wordpress::Options {
                uploads,
                ics,
                dry_run,
                progress: true,
            };
            wordpress::import(&mut conn, &storage, &file, &options)
                .map_err(|e| format!("{e}; nothing was imported"))?
        }
        ImportCommand::Ics {
            source,
            author,
            dry_run,
        } => {
            let bytes = actix_web::rt::System::new()
                .block_on(ics::read_source(&source))
                .map_err(|e| e.to_string())?;
            let text =
                String::from_utf8(bytes).map_err(|e| format!("{source} is not UTF-8 text: {e}"))?;
            ics::import(&mut conn, &text, &ics::Options { author, dry_run })
                .map_err(|e| format!("{source}: {e}; nothing was imported"))?
        }
    };
    if !summary.dry_run {
        db::dialect::after_bulk_load(&mut conn).map_err(|e| e.to_string())?;
    }
    print!("{summary}");
    println!("\ntook {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn sync_wordpress(
    location: &db::Location,
    site: &headpress::config::WordpressArgs,
) -> Result<(), String> {
    use headpress::sync;
    let settings = sync::Settings::from_args(site)?
        .ok_or("set the site with --wordpress-url (or HEADPRESS_WORDPRESS_URL)")?;
    let database = open(location, 1)?;
    let data_dir = std::env::var_os("HEADPRESS_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| location.data_dir());
    let storage: std::sync::Arc<dyn headpress::media::storage::Storage> = std::sync::Arc::new(
        headpress::media::storage::LocalStorage::new(data_dir.join("uploads")),
    );
    let store = sync::Store::Pool(database.pool.clone(), storage);
    let started = std::time::Instant::now();
    let report = actix_web::rt::System::new().block_on(async {
        let client = sync::client::Client::new(settings.site.clone(), settings.timeout);
        sync::run(&client, &store, &mut |line| eprintln!("{line}")).await
    });
    let report = report
        .map_err(|e| format!("{e}; what earlier batches wrote stays, run again to carry on"))?;
    let mut conn = database.pool.get().map_err(|e| e.to_string())?;
    db::dialect::after_bulk_load(&mut conn).map_err(|e| e.to_string())?;
    print!("{}", report.summary);
    println!(
        "\n{} requests to WordPress, {} items changed, {} deleted, {} terms deleted; took {:.1} s",
        report.requests,
        report.fetched,
        report.deleted,
        report.terms_deleted,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn generate(database: &db::Location, posts: usize, seed: u64, append: bool) -> Result<(), String> {
    use headpress::generate::{self, progress::Progress};
    let database = open(database, 1)?;
    let mut conn = database.pool.get().map_err(|e| e.to_string())?;
    let plan = generate::Plan::for_posts(posts);
    let mut progress = Progress::on_stderr(plan.items());
    let options = generate::Options {
        posts,
        seed,
        append,
    };
    let summary = generate::generate(&mut conn, &options, &mut progress).map_err(|e| match e {
        generate::GenerateError::NotEmpty(_) => e.to_string(),
        other => format!("{other}; nothing was generated"),
    })?;
    db::dialect::after_bulk_load(&mut conn).map_err(|e| e.to_string())?;
    print!("{summary}");
    Ok(())
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn open(location: &db::Location, pool_size: u32) -> Result<db::Database, String> {
    let database = db::connect(location, pool_size)?;
    let mut conn = database
        .pool
        .get()
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    for version in db::run_migrations(&mut conn)? {
        tracing::info!(%version, "applied migration");
    }
    drop(conn);
    Ok(database)
}

fn run(cli: Cli) -> Result<(), String> {
    if let Command::Openapi = cli.command {
        let doc = headpress::openapi();
        let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
        println!("{json}");
        return Ok(());
    }
    let location = db::Location::parse(&cli.database_url)?;
    db::set_write_wait_ms(cli.write_wait_ms);
    match cli.command {
        Command::Openapi => Ok(()),
        Command::Migrate => open(&location, 1).map(|_| ()),
        Command::Backup { file } => {
            let started = std::time::Instant::now();
            let bytes = db::backup::backup(&location, &file)?;
            println!(
                "backed up to {} ({bytes} bytes) in {:.1} s; copy the uploads folder ({}) beside it",
                file.display(),
                started.elapsed().as_secs_f64(),
                location.data_dir().join("uploads").display()
            );
            Ok(())
        }
        Command::Restore { file } => {
            db::backup::restore(&location, &file)?;
            open(&location, 1)?;
            println!(
                "restored {}; put its uploads folder back in {}",
                file.display(),
                location.data_dir().join("uploads").display()
            );
            Ok(())
        }
        Command::Import { command } => import(&location, command),
        Command::Sync {
            command: SyncCommand::Wordpress { site },
        } => sync_wordpress(&location, &site),
        Command::Generate {
            posts,
            seed,
            append,
        } => generate(&location, posts, seed, append),
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    password,
                    role,
                    name,
                    email,
                },
        } => {
            let database = open(&location, 1)?;
            let mut conn = database.pool.get().map_err(|e| e.to_string())?;
            let input = users::CreateUser {
                username,
                password: Some(password),
                display_name: name,
                email,
                role: Role::parse(&role).ok_or("unknown role")?,
            };
            let user = users::create(&mut conn, input).map_err(|e| describe(&e))?;
            println!(
                "created {} (id {}, {})",
                user.username,
                user.id,
                user.role.as_str()
            );
            Ok(())
        }
        Command::Serve {
            demo: with_demo,
            args,
        } => {
            let workers = args.workers;
            let bind = args.bind.clone();
            let shutdown_timeout = args.shutdown_timeout;
            let pool_size = args.pool_size;
            headpress::users::audit::set_retention_days(args.audit_days);
            headpress::content::changes::set_retention_days(args.changes_days);
            headpress::content::webhooks::set_coalesce_ms(args.webhook_coalesce_ms);
            db::set_statement_timeout_ms(args.statement_timeout_ms);
            let sync = headpress::sync::Settings::from_args(&args.wordpress)?;
            let config = args.into_config(&location)?;
            let database = open(&location, pool_size)?;
            let state = web::Data::new(AppState::new(database, config));
            if with_demo {
                let mut conn = state.db.pool.get().map_err(|e| e.to_string())?;
                match demo::seed(&mut conn, state.storage.as_ref()).map_err(|e| describe(&e))? {
                    Some(seeded) => match &seeded.admin_password {
                        Some(password) => tracing::warn!(
                            posts = seeded.posts,
                            resources = seeded.resources,
                            events = seeded.events,
                            "demo content added; sign in as `admin` with the password `{password}`"
                        ),
                        None => tracing::warn!(
                            posts = seeded.posts,
                            resources = seeded.resources,
                            events = seeded.events,
                            "demo content added as the existing user `admin`"
                        ),
                    },
                    None => {
                        tracing::info!("the database has content already; no demo content added")
                    }
                }
            }
            let _watcher = Watcher::start(&state.db, state.freshness.clone());
            serve(state, &bind, workers, shutdown_timeout, sync)
                .map_err(|e| format!("server error: {e}"))
        }
    }
}

fn describe(e: &headpress::error::Error) -> String {
    let p = e.to_problem();
    match p.errors.first() {
        Some(f) => format!("{}: {} {}", p.detail, f.field, f.message),
        None => format!("{e}"),
    }
}

#[actix_web::main]
async fn serve(
    state: web::Data<AppState>,
    bind: &str,
    workers: Option<usize>,
    shutdown_timeout: u64,
    sync: Option<headpress::sync::Settings>,
) -> std::io::Result<()> {
    // Partner origins for CORS: loaded now, and again every half minute so that changes
    // made on other nodes arrive.
    {
        let cache = state.partner_origins.clone();
        let state = state.clone();
        let load = move || {
            let cache = cache.clone();
            let state = state.clone();
            async move {
                if let Err(e) = state.read(move |conn| cache.refresh(conn)).await {
                    tracing::warn!(error = %e, "the partner origins could not be loaded");
                }
            }
        };
        actix_web::rt::spawn(async move {
            loop {
                load().await;
                actix_web::rt::time::sleep(std::time::Duration::from_secs(30)).await;
            }
        });
    }
    // Webhook deliveries: every node sends its share.
    headpress::api::webhooks::worker::spawn(state.clone());
    // A WordPress site to keep in step with: one node at a time runs it (the site's lease).
    if let Some(settings) = sync {
        tracing::info!(url = %settings.site.url, "keeping in step with WordPress");
        headpress::sync::spawn(state.clone(), settings);
    }
    let mut server = HttpServer::new(move || build_app(state.clone()))
        .disable_signals()
        .shutdown_timeout(shutdown_timeout);
    if let Some(n) = workers {
        server = server.workers(n);
    }
    let server = server.bind(bind)?.run();
    tracing::info!(%bind, "serving; API reference at /docs/");
    let handle = server.handle();
    actix_web::rt::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        handle.stop(true).await;
    });
    server.await
}

/// SIGTERM or SIGINT (Ctrl-C): both stop gracefully.
async fn shutdown_signal() {
    use actix_web::rt::signal;
    let ctrl_c = Box::pin(async {
        let _ = signal::ctrl_c().await;
    });
    #[cfg(unix)]
    let term = Box::pin(async {
        match signal::unix::signal(signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    });
    #[cfg(not(unix))]
    let term = Box::pin(std::future::pending::<()>());
    futures_util::future::select(ctrl_c, term).await;
}
