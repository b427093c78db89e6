using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using MessagesApi.Tests.Fixtures;

namespace MessagesApi.Tests;

/// <summary>The library's package holds what the ecosystem expects: the assembly with its XML documentation, a README,
/// a licence expression, symbols beside it, a reproducible build, and no dependency that only builds it.</summary>
public sealed class LibraryPackageTests(PackedLibrary packed) : IClassFixture<PackedLibrary>
{
    private const string Assembly = $"lib/net10.0/{PackedLibrary.Id}";

    [Fact]
    public void Holds_the_assembly_its_xml_documentation_and_its_readme()
    {
        Entries(packed.Package).Should().Contain([$"{Assembly}.dll", $"{Assembly}.xml", "README.md"]);
        Metadata("readme").Value.Should().Be("README.md");
    }

    [Fact]
    public void Declares_its_licence_as_an_spdx_expression()
    {
        var license = Metadata("license");

        license.Attribute("type")?.Value.Should().Be("expression");
        license.Value.Should().Be("MIT");
    }

    [Fact]
    public void Ships_its_symbols_in_a_symbols_package_beside_it()
    {
        Entries(packed.Symbols).Should().Contain($"{Assembly}.pdb");
    }

    [Fact]
    public void Is_built_reproducibly()
    {
        using var pe = new PEReader(new MemoryStream(Read(packed.Package, $"{Assembly}.dll")));

        pe.ReadDebugDirectory().Should().Contain(entry => entry.Type == DebugDirectoryEntryType.Reproducible);
    }

    [Fact]
    public void Its_symbols_name_source_files_by_repository_paths_not_the_build_machines()
    {
        using var symbols = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(Read(packed.Symbols, $"{Assembly}.pdb")));
        var reader = symbols.GetMetadataReader();

        reader.Documents.Select(document => reader.GetString(reader.GetDocument(document).Name)).Should().OnlyContain(path => path.StartsWith("/_/"));
    }

    [Fact]
    public void Depends_on_no_package_that_only_builds_it()
    {
        var dependencies = Metadata("dependencies").Descendants(Metadata("id").Name.Namespace + "dependency").Select(dependency => dependency.Attribute("id")!.Value);

        dependencies.Should().Contain("Microsoft.AspNetCore.Authentication.JwtBearer").And.NotContain(id => id.Contains("Analyzers"));
    }

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

    private XElement Metadata(string name)
    {
        using var archive = ZipFile.OpenRead(packed.Package);
        using var nuspec = archive.GetEntry($"{PackedLibrary.Id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        return metadata.Elements().Single(element => element.Name.LocalName == name);
    }
}
