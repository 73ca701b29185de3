namespace ApiTruth.Indexer.Storage;

/// <summary>
/// The index schema as ordered migrations; <c>PRAGMA user_version</c> records how many have run.
/// Append a migration for every change; never edit one that has shipped.
/// </summary>
internal static class Schema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: packages and their versions, asset groups, dependencies, deduplicated API sets, catalog segments.
        """
        CREATE TABLE package (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            kind TEXT NOT NULL CHECK (kind IN ('package', 'framework'))
        );
        CREATE TABLE package_version (
            id INTEGER PRIMARY KEY,
            package_id INTEGER NOT NULL REFERENCES package(id),
            version TEXT NOT NULL COLLATE NOCASE,
            status TEXT NOT NULL CHECK (status IN ('indexed', 'partial', 'failed', 'not-served')),
            reason TEXT,
            source TEXT,
            api_count INTEGER NOT NULL DEFAULT 0,
            indexed_at TEXT NOT NULL,
            UNIQUE (package_id, version)
        );
        CREATE TABLE api_set (
            id INTEGER PRIMARY KEY,
            hash BLOB NOT NULL UNIQUE,
            count INTEGER NOT NULL,
            ids BLOB NOT NULL
        );
        CREATE TABLE asset_group (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES package_version(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('lib', 'ref', 'framework')),
            framework TEXT NOT NULL,
            is_placeholder INTEGER NOT NULL,
            assemblies TEXT NOT NULL,
            api_set_id INTEGER REFERENCES api_set(id),
            problems TEXT,
            notes TEXT,
            UNIQUE (version_id, path)
        );
        CREATE INDEX asset_group_api_set ON asset_group(api_set_id);
        CREATE TABLE dependency (
            version_id INTEGER NOT NULL REFERENCES package_version(id) ON DELETE CASCADE,
            framework TEXT NOT NULL,
            package TEXT NOT NULL,
            range TEXT NOT NULL
        );
        CREATE INDEX dependency_version ON dependency(version_id);
        CREATE TABLE catalog_segment (
            id INTEGER PRIMARY KEY,
            package_id INTEGER NOT NULL REFERENCES package(id),
            first_variant INTEGER NOT NULL,
            count INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX catalog_segment_package ON catalog_segment(package_id);
        CREATE TABLE package_names (
            package_id INTEGER PRIMARY KEY REFERENCES package(id),
            count INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        """,
        // 2: catalog format 3. A segment carries the simple names it introduced (the package's names list is their
        // concatenation, so package_names goes) and its keys; format-2 catalogs cannot be read, so the indexed data of an
        // older index is dropped here and the next 'apitruth index' rebuilds it (readers of an older index say so).
        """
        DELETE FROM dependency;
        DELETE FROM asset_group;
        DELETE FROM api_set;
        DELETE FROM package_version;
        DROP TABLE catalog_segment;
        DROP TABLE package_names;
        CREATE TABLE catalog_segment (
            id INTEGER PRIMARY KEY,
            package_id INTEGER NOT NULL REFERENCES package(id),
            first_variant INTEGER NOT NULL,
            count INTEGER NOT NULL,
            names BLOB,
            keys BLOB NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX catalog_segment_package ON catalog_segment(package_id, first_variant);
        """,
        // 3: smaller rows around the catalog. An asset group's assemblies, problems and notes become one text-fields blob
        // and the table is keyed by (version, path) without a rowid; a version's dependencies become one blob on its row;
        // an API set has no hash (variant ids belong to one package, so the writer finds an identical set among the package's
        // sets) and may be stored as its difference from a base set of the package (a patch release, a sibling TFM folder).
        // Catalogs are written
        // with stronger compression. The indexed data is dropped, as in 2: the next 'apitruth index' rebuilds it.
        """
        DROP TABLE dependency;
        DROP TABLE asset_group;
        DROP TABLE api_set;
        DELETE FROM catalog_segment;
        DELETE FROM package_version;
        ALTER TABLE package_version ADD COLUMN dependencies BLOB;
        CREATE TABLE api_set (
            id INTEGER PRIMARY KEY,
            count INTEGER NOT NULL,
            base_id INTEGER REFERENCES api_set(id),
            ids BLOB NOT NULL
        );
        CREATE TABLE asset_group (
            version_id INTEGER NOT NULL REFERENCES package_version(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('lib', 'ref', 'framework')),
            framework TEXT NOT NULL,
            is_placeholder INTEGER NOT NULL,
            api_set_id INTEGER REFERENCES api_set(id),
            texts BLOB NOT NULL,
            PRIMARY KEY (version_id, path)
        ) WITHOUT ROWID;
        """,
        // 4: when every served version of a package was last listed and indexed (or recorded as failed), so that an index
        // filled one version at a time (apitruth index Id@1.0) is known to be partial and gets completed before its history
        // is trusted. Nothing is dropped; readers of a version-3 index see every package as not known to be complete.
        """
        ALTER TABLE package ADD COLUMN complete_at TEXT;
        """,
    ];

    /// <summary>The oldest schema version readers accept: 4 only adds a column they can do without.</summary>
    public const int OldestReadable = 3;
}
