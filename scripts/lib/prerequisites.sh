# Shared by run.sh and test.sh (sourced): finding PostgreSQL and installing what is missing.

# The directory of PostgreSQL's server binaries (initdb, pg_ctl), or nothing when PostgreSQL is not installed.
postgres_bin_dir() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [[ -n $initdb ]]; then
    dirname "$(readlink -f "$initdb")"
    return
  fi
  # Debian keeps the server binaries off PATH.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# install_missing <script> <package>...: installs the Debian packages with apt-get when root, otherwise says what to
# install and exits; then checks for the .NET SDK, which no Debian package provides.
install_missing() {
  local script=$1
  shift
  if (($# > 0)); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      echo "Installing $* with apt-get..."
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
      echo "Missing: $*. Install them (e.g. sudo apt-get install $*) and run $script again." >&2
      exit 1
    fi
  fi
  if ! command -v dotnet >/dev/null; then
    echo "Missing: the .NET 10 SDK (dotnet). Install it from https://dot.net and run $script again." >&2
    exit 1
  fi
}
