//! National clouds, as `Connect-MgGraph -Environment` names them (`Get-MgEnvironment`).

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// A Microsoft Graph deployment: the service root, the sign-in authority and the `.default` scope.
///
/// | variant | Graph service root | sign-in authority |
/// |---|---|---|
/// | `Global` | `https://graph.microsoft.com` | `https://login.microsoftonline.com` |
/// | `USGov` (L4, GCC High) | `https://graph.microsoft.us` | `https://login.microsoftonline.us` |
/// | `USGovDoD` (L5, DoD) | `https://dod-graph.microsoft.us` | `https://login.microsoftonline.us` |
/// | `China` (21Vianet) | `https://microsoftgraph.chinacloudapi.cn` | `https://login.chinacloudapi.cn` |
///
/// The app-only scope is always `<Graph service root>/.default`: a token for one cloud is not
/// accepted by another. An app must be registered in the cloud it signs in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Environment {
    /// The global (commercial) service.
    #[default]
    Global,
    /// Microsoft Graph for US Government L4 (GCC High).
    USGov,
    /// Microsoft Graph for US Government L5 (DoD).
    USGovDoD,
    /// Microsoft Graph China, operated by 21Vianet.
    China,
}

impl Environment {
    /// Every environment, in `Get-MgEnvironment` order of importance.
    pub const ALL: [Environment; 4] = [
        Environment::Global,
        Environment::USGov,
        Environment::USGovDoD,
        Environment::China,
    ];

    /// The name `Connect-MgGraph -Environment` accepts.
    pub fn name(self) -> &'static str {
        match self {
            Environment::Global => "Global",
            Environment::USGov => "USGov",
            Environment::USGovDoD => "USGovDoD",
            Environment::China => "China",
        }
    }

    /// The Graph service root, without a version segment or trailing slash.
    pub fn graph_root(self) -> &'static str {
        match self {
            Environment::Global => "https://graph.microsoft.com",
            Environment::USGov => "https://graph.microsoft.us",
            Environment::USGovDoD => "https://dod-graph.microsoft.us",
            Environment::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The Microsoft Entra sign-in authority host (both US government clouds share one).
    pub fn authority(self) -> &'static str {
        match self {
            Environment::Global => "https://login.microsoftonline.com",
            Environment::USGov | Environment::USGovDoD => "https://login.microsoftonline.us",
            Environment::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The app-only scope to request a Graph token with: `<graph_root>/.default`.
    pub fn default_scope(self) -> &'static str {
        match self {
            Environment::Global => "https://graph.microsoft.com/.default",
            Environment::USGov => "https://graph.microsoft.us/.default",
            Environment::USGovDoD => "https://dod-graph.microsoft.us/.default",
            Environment::China => "https://microsoftgraph.chinacloudapi.cn/.default",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Environment {
    type Err = Error;

    /// Parses a `Connect-MgGraph -Environment` name, ignoring case as PowerShell does.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Environment::ALL
            .into_iter()
            .find(|env| env.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::invalid_argument(format!(
                    "unknown environment {s:?}: expected one of Global, USGov, USGovDoD, China"
                ))
            })
    }
}
