//! The generator's vocabulary: the themes, places, actors and phrases of a human-rights and
//! modern-slavery resource hub, from which titles, excerpts and bodies are put together.
//!
//! Only the trafficking themes speak of trafficking (any form of the word): the benchmark
//! searches for it, so it must be in a known share of the posts, not in all of them.

/// A theme a post is about: its name (a tag), the phrase sentences use, and the category
/// it is filed under (an index into [`CATEGORIES`]).
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub name: &'static str,
    pub phrase: &'static str,
    pub category: usize,
    /// A harm to end (`forced labour`), not a practice to spread (`due diligence`):
    /// sentences speak of each in their own way.
    pub harm: bool,
}

const fn theme(name: &'static str, phrase: &'static str, category: usize) -> Theme {
    Theme {
        name,
        phrase,
        category,
        harm: true,
    }
}

const fn practice(name: &'static str, phrase: &'static str, category: usize) -> Theme {
    Theme {
        name,
        phrase,
        category,
        harm: false,
    }
}

/// The themes that name trafficking.
pub const TRAFFICKING_THEMES: &[Theme] = &[
    theme("Human Trafficking", "human trafficking", 3),
    theme("Labour Trafficking", "trafficking for forced labour", 3),
    theme("Child Trafficking", "the trafficking of children", 3),
    theme(
        "Sexual Exploitation",
        "trafficking for sexual exploitation",
        3,
    ),
];

/// Every other theme.
pub const THEMES: &[Theme] = &[
    theme("Forced Labour", "forced labour", 3),
    theme("Debt Bondage", "debt bondage", 3),
    theme("Child Labour", "child labour", 1),
    theme("Migrant Workers", "the exploitation of migrant workers", 2),
    theme("Recruitment Fees", "the payment of recruitment fees", 1),
    practice("Due Diligence", "human rights due diligence", 0),
    practice("Access to Remedy", "access to remedy", 0),
    practice("Grievance Mechanisms", "effective grievance mechanisms", 0),
    theme("Living Wage", "the gap to a living wage", 1),
    practice("Worker Voice", "worker voice", 1),
    practice("Survivor Support", "support for survivors", 3),
    practice("Transparency Reporting", "supply chain transparency", 4),
    practice("Public Procurement", "responsible public procurement", 4),
    theme("Domestic Work", "the abuse of domestic workers", 1),
    theme("Refugees", "the exploitation of refugees", 2),
    theme("Gender Equality", "gender-based violence at work", 1),
    theme(
        "Conflict & Security",
        "abuses in conflict-affected areas",
        0,
    ),
    theme("Climate Justice", "climate-related displacement", 2),
    theme("Land Rights", "land grabbing", 0),
    theme("Freedom of Association", "restrictions on trade unions", 1),
    theme("Occupational Safety", "unsafe working conditions", 1),
    theme("Forced Marriage", "forced marriage", 3),
    theme(
        "State-imposed Forced Labour",
        "state-imposed forced labour",
        4,
    ),
    practice("Responsible Investment", "responsible investment", 0),
];

/// Categories, in the order the site lists them.
pub const CATEGORIES: &[&str] = &[
    "Business & Human Rights",
    "Labour Rights",
    "Migration & Displacement",
    "Modern Slavery",
    "Policy & Advocacy",
    "Research",
    "Events & Training",
    "News from the Network",
    "Opinion",
    "Case Studies",
    "Press Releases",
    "Funding & Grants",
];

pub const SECTORS: &[&str] = &[
    "Agriculture",
    "Construction",
    "Electronics",
    "Fishing",
    "Garments",
    "Mining",
    "Hospitality",
    "Cocoa",
    "Palm Oil",
    "Seafood",
    "Cotton",
    "Care Work",
    "Logistics",
    "Renewable Energy",
    "Car Washes",
    "Nail Bars",
    "Brick Kilns",
    "Tea",
    "Coffee",
    "Rubber Gloves",
    "Solar Panels",
    "Shipbreaking",
    "Timber",
    "Meat Processing",
    "Domestic Work",
];

pub const REGIONS: &[&str] = &[
    "Europe",
    "South Asia",
    "Southeast Asia",
    "Sub-Saharan Africa",
    "Middle East",
    "Latin America",
    "Central Asia",
    "North America",
    "Pacific",
    "North Africa",
];

pub const COUNTRIES: &[&str] = &[
    "the United Kingdom",
    "Brazil",
    "India",
    "Thailand",
    "Malaysia",
    "Qatar",
    "Nepal",
    "Bangladesh",
    "Italy",
    "Ghana",
    "Côte d'Ivoire",
    "Vietnam",
    "Turkey",
    "Mexico",
    "the United States",
    "Uzbekistan",
    "Pakistan",
    "the Philippines",
    "Indonesia",
    "Spain",
    "Germany",
    "Kenya",
    "Nigeria",
    "Cambodia",
    "Myanmar",
    "Saudi Arabia",
    "the United Arab Emirates",
    "Peru",
    "Colombia",
    "Australia",
    "Ethiopia",
    "Lebanon",
    "Jordan",
    "Greece",
    "Poland",
    "Romania",
    "Sri Lanka",
    "China",
    "Japan",
    "South Africa",
];

/// Who acts in the sentences.
pub const ACTORS: &[&str] = &[
    "Governments",
    "Businesses",
    "Investors",
    "Trade unions",
    "Civil society organisations",
    "Multinational brands",
    "Local authorities",
    "Labour inspectorates",
    "Recruitment agencies",
    "Survivor networks",
    "Retailers",
    "Development agencies",
    "Researchers",
    "Parliamentarians",
];

/// What workers described.
pub const CONDITIONS: &[&str] = &[
    "wages paid months late or not at all",
    "having their passports retained by employers",
    "debts that grew faster than their wages",
    "being housed in overcrowded dormitories",
    "threats of deportation when they complained",
    "working eighteen-hour days without rest",
    "deductions for food and accommodation they never agreed to",
    "being unable to leave the worksite",
    "contracts changed after they arrived",
    "no access to a doctor after an injury",
];

/// What reports recommend.
pub const MEASURES: &[&str] = &[
    "mandatory human rights due diligence",
    "independent monitoring of high-risk sites",
    "the abolition of recruitment fees paid by workers",
    "firewalls between labour inspection and immigration enforcement",
    "long-term, needs-based support for survivors",
    "publication of supplier lists",
    "stronger and better-resourced labour inspection",
    "binding agreements with trade unions",
    "safe and regular migration routes",
    "remediation funds for affected workers",
    "training for procurement officers",
    "worker-driven social responsibility programmes",
];

/// Who gets quoted, and as what.
pub const PEOPLE: &[&str] = &[
    "Amira Haddad",
    "Daniel Okafor",
    "Priya Raman",
    "Lucía Fernández",
    "Tomasz Nowak",
    "Grace Mwangi",
    "Nguyen Thi Lan",
    "Samuel Boateng",
    "Fatima Zahra Benali",
    "Jonas Lindqvist",
    "Ana Beatriz Souza",
    "Rahul Mehta",
    "Chloé Martin",
    "Alan Whitfield",
];

pub const ROLES: &[&str] = &[
    "a survivor leader",
    "a labour inspector",
    "a trade union organiser",
    "a researcher at the university",
    "a procurement officer",
    "a migrant worker",
    "a lawyer who represents workers",
    "the programme director",
];

pub const QUOTES: &[&str] = &[
    "nobody should have to choose between their safety and their livelihood.",
    "workers know what is wrong; the question is whether anyone is listening.",
    "we cannot audit our way out of this problem.",
    "remedy has to mean something to the people who were harmed.",
    "the evidence is clear, and it is time to act on it.",
    "what gets measured gets managed, but only if someone is accountable.",
];

/// Publishers of resources, from the most prolific down.
pub const PUBLISHERS: &[&str] = &[
    "International Labour Organization",
    "Ethical Trading Initiative",
    "Business & Human Rights Resource Centre",
    "Walk Free",
    "Anti-Slavery International",
    "Freedom Fund",
    "Institute for Human Rights and Business",
    "UN Office of the High Commissioner for Human Rights",
    "OECD",
    "Know The Chain",
    "Verité",
    "Fair Labor Association",
    "Global Fund to End Modern Slavery",
    "Rights Lab, University of Nottingham",
    "Modern Slavery Policy and Evidence Centre",
    "Clean Clothes Campaign",
    "International Organization for Migration",
    "Human Rights Watch",
    "Amnesty International",
    "Responsible Business Alliance",
];

/// The domain each publisher's links point to, in the order of [`PUBLISHERS`].
pub const PUBLISHER_SITES: &[&str] = &[
    "www.ilo.org",
    "www.ethicaltrade.org",
    "www.business-humanrights.org",
    "www.walkfree.org",
    "www.antislavery.org",
    "freedomfund.org",
    "www.ihrb.org",
    "www.ohchr.org",
    "www.oecd.org",
    "knowthechain.org",
    "verite.org",
    "www.fairlabor.org",
    "gfems.org",
    "www.nottingham.ac.uk",
    "modernslaverypec.org",
    "cleanclothes.org",
    "www.iom.int",
    "www.hrw.org",
    "www.amnesty.org",
    "www.responsiblebusiness.org",
];

/// Resource types, from the most used down.
pub const RESOURCE_TYPES: &[&str] = &[
    "Guidance",
    "Reports & Research",
    "Toolkits",
    "Case Studies",
    "Standards & Codes of Conduct",
    "Training Materials",
    "Policy Briefs",
];

pub const EVENT_CATEGORIES: &[&str] = &[
    "Webinar",
    "Conference",
    "Training",
    "Workshop",
    "Panel Discussion",
    "Consultation",
];

/// Languages of resources (BCP 47), English first and most.
pub const LANGUAGES: &[&str] = &["en", "fr", "es", "pt-BR", "ar", "de", "ru"];

/// Section headings of posts.
pub const HEADINGS: &[&str] = &[
    "What the research found",
    "Why it matters",
    "What businesses can do",
    "Recommendations",
    "Background",
    "The view from the ground",
    "What happens next",
    "Key findings",
    "A question of accountability",
    "How we worked",
    "Next steps for policymakers",
    "Further reading",
];

/// Authors of the site (display names); the first one administers it.
pub const AUTHORS: &[&str] = &[
    "Site Administrator",
    "Helen Carter",
    "Joseph Mensah",
    "Ayesha Siddiqui",
    "Marco Rossi",
    "Sophie Dubois",
    "Kwame Asante",
    "Elena Petrova",
    "Diego Ramírez",
    "Hannah Schmidt",
    "Yuki Tanaka",
    "Omar Farouk",
    "Ingrid Larsen",
];

/// Time zones of events, the most used first.
pub const TIMEZONES: &[&str] = &[
    "Europe/London",
    "Europe/Brussels",
    "Europe/Zurich",
    "America/New_York",
    "Asia/Bangkok",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Asia/Dubai",
    "Australia/Sydney",
    "Asia/Manila",
    "America/Mexico_City",
];

/// A place events happen.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub name: &'static str,
    pub address: &'static str,
    pub city: &'static str,
    pub postal_code: &'static str,
    pub country: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    pub timezone: &'static str,
}

const fn place(
    name: &'static str,
    address: &'static str,
    city: &'static str,
    postal_code: &'static str,
    country: &'static str,
    (latitude, longitude): (f64, f64),
    timezone: &'static str,
) -> Place {
    Place {
        name,
        address,
        city,
        postal_code,
        country,
        latitude,
        longitude,
        timezone,
    }
}

pub const VENUES: &[Place] = &[
    place(
        "Friends House",
        "173-177 Euston Road",
        "London",
        "NW1 2BJ",
        "United Kingdom",
        (51.5265, -0.1318),
        "Europe/London",
    ),
    place(
        "Palais des Nations",
        "Avenue de la Paix 8-14",
        "Geneva",
        "1211",
        "Switzerland",
        (46.2267, 6.1408),
        "Europe/Zurich",
    ),
    place(
        "Résidence Palace",
        "Rue de la Loi 155",
        "Brussels",
        "1040",
        "Belgium",
        (50.8427, 4.3838),
        "Europe/Brussels",
    ),
    place(
        "Ford Foundation Center for Social Justice",
        "320 E 43rd St",
        "New York",
        "10017",
        "United States",
        (40.7503, -73.9710),
        "America/New_York",
    ),
    place(
        "UN Conference Centre",
        "Ratchadamnoen Nok Avenue",
        "Bangkok",
        "10200",
        "Thailand",
        (13.7590, 100.5080),
        "Asia/Bangkok",
    ),
    place(
        "Kenyatta International Convention Centre",
        "Harambee Avenue",
        "Nairobi",
        "00100",
        "Kenya",
        (-1.2884, 36.8233),
        "Africa/Nairobi",
    ),
    place(
        "India Habitat Centre",
        "Lodhi Road",
        "New Delhi",
        "110003",
        "India",
        (28.5893, 77.2252),
        "Asia/Kolkata",
    ),
    place(
        "Centro Cultural São Paulo",
        "Rua Vergueiro 1000",
        "São Paulo",
        "01504-000",
        "Brazil",
        (-23.5710, -46.6396),
        "America/Sao_Paulo",
    ),
    place(
        "Dubai World Trade Centre",
        "Sheikh Zayed Road",
        "Dubai",
        "9292",
        "United Arab Emirates",
        (25.2246, 55.2866),
        "Asia/Dubai",
    ),
    place(
        "State Library Victoria",
        "328 Swanston Street",
        "Melbourne",
        "3000",
        "Australia",
        (-37.8098, 144.9652),
        "Australia/Melbourne",
    ),
    place(
        "The Manchester Conference Centre",
        "78 Sackville Street",
        "Manchester",
        "M1 3BB",
        "United Kingdom",
        (53.4764, -2.2352),
        "Europe/London",
    ),
    place(
        "Casa de América",
        "Plaza de Cibeles 2",
        "Madrid",
        "28014",
        "Spain",
        (40.4193, -3.6934),
        "Europe/Madrid",
    ),
];
