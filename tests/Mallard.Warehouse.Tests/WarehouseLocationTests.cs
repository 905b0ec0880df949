namespace Mallard.Warehouse.Tests;

public class WarehouseLocationTests
{
    [Fact]
    public void The_repository_root_is_the_nearest_directory_holding_Kernel_sln()
    {
        using var scratch = new Scratch();
        var nested = Directory.CreateDirectory(Path.Combine(scratch.Directory, "notebooks", "deep")).FullName;
        File.WriteAllText(scratch.File("Kernel.sln"), "");

        Assert.Equal(scratch.Directory, WarehouseLocation.FindRepositoryRoot(nested));
    }

    [Fact]
    public void Outside_a_repository_there_is_no_root()
    {
        using var scratch = new Scratch();

        Assert.Null(WarehouseLocation.FindRepositoryRoot(scratch.Directory));
    }
}
