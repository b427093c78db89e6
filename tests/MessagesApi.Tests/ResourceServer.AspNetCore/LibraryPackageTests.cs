using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>Each of the library's packages (the library, and its development issuer) holds what the ecosystem expects: the assembly with its XML documentation, a README,
/// a licence expression, symbols beside it, a reproducible build, and no dependency that only builds it.</summary>
public sealed class LibraryPackageTests(PackedLibrary packed) : IClassFixture<PackedLibrary>
{
    [Theory]
    [MemberData(nameof(Packages))]
    public void Holds_the_assembly_its_xml_documentation_and_its_readme(string id)
    {
        Entries(packed.Package(id)).Should().Contain([$"{Assembly(id)}.dll", $"{Assembly(id)}.xml", "README.md"]);
        Metadata(id, "readme").Value.Should().Be("README.md");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Declares_its_licence_as_an_spdx_expression(string id)
    {
        var license = Metadata(id, "license");

        license.Attribute("type")?.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Ships_its_symbols_in_a_symbols_package_beside_it(string id)
    {
        Entries(packed.Symbols(id)).Should().Contain($"{Assembly(id)}.pdb");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Is_built_reproducibly(string id)
    {
        using var pe = new PEReader(new MemoryStream(Read(packed.Package(id), $"{Assembly(id)}.dll")));

        pe.ReadDebugDirectory().Should().Contain(entry => entry.Type == DebugDirectoryEntryType.Reproducible);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Its_symbols_name_source_files_by_repository_paths_not_the_build_machines(string id)
    {
        using var symbols = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(packed.Symbols(id), $"{Assembly(id)}.pdb")));
        var reader = symbols.GetMetadataReader();

        reader.Documents.Select(document => reader.GetString(reader.GetDocument(document).Name)).Should().OnlyContain(path => path.StartsWith("/_/"));
    }

    [Theory]
    [InlineData(PackedLibrary.Id, "Microsoft.AspNetCore.Authentication.JwtBearer")]
    [InlineData(PackedLibrary.DevIssuerId, PackedLibrary.Id)]
    public void Depends_on_what_it_runs_on_and_no_package_that_only_builds_it(string id, string runsOn)
    {
        var dependencies = Dependencies(id).Select(dependency => dependency.Attribute("id")!.Value);

        dependencies.Should().Contain(runsOn).And.NotContain(dependency => dependency.Contains("Analyzers"));
    }

    [Fact]
    public void The_development_issuer_depends_on_exactly_the_library_version_it_was_built_with()
    {
        // It calls the library's internals, which another version of the library need not have.
        var library = Dependencies(PackedLibrary.DevIssuerId).Single(dependency => dependency.Attribute("id")!.Value == PackedLibrary.Id);

        library.Attribute("version")!.Value.Should().Be($"[{PackedLibrary.Version}]");
    }

    public static TheoryData<string> Packages => [PackedLibrary.Id, PackedLibrary.DevIssuerId];

    private static string Assembly(string id) => $"lib/net10.0/{id}";

    private static byte[] Read(string package, string entry)
    {
        using var archive = ZipFile.OpenRead(package);
        using var stream = new MemoryStream();
        using (var content = archive.GetEntry(entry)!.Open())
            content.CopyTo(stream);
        return stream.ToArray();
    }

    private static IReadOnlyList<string> Entries(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(entry => entry.FullName).ToArray();
    }

    private IEnumerable<XElement> Dependencies(string id) =>
        Metadata(id, "dependencies").Descendants(Metadata(id, "id").Name.Namespace + "dependency");

    private XElement Metadata(string id, string name)
    {
        using var archive = ZipFile.OpenRead(packed.Package(id));
        using var nuspec = archive.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        return metadata.Elements().Single(element => element.Name.LocalName == name);
    }
}
