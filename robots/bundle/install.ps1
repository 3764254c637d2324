# 自治体RPA オフラインインストール（Windows）/ offline install (Windows)
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-Target フォルダ] [-Site site.yaml]
#       [-PublicKey 公開鍵] [-RegisterTask]
# 1. バンドルの署名と全ファイルのSHA-256を確かめる（標準ライブラリだけの verify_bundle.py）
# 2. 仮想環境を作り、wheels\ だけからインストールする（ネットワークは使わない）
# 3. Tesseract の日本語データを仮想環境に置き、doctor で確認する
# -RegisterTask（-Site が必要）: ログオン時にスケジューラー（robot-runner scheduler start）を
#    起動するタスクを「タスク スケジューラ」に登録する（タスク名 jichitai-rpa-scheduler）
param(
    [string]$Target = (Join-Path $env:LOCALAPPDATA "jichitai-rpa"),
    [string]$Site = "",
    [string]$PublicKey = "",
    [string]$Python = "python",
    [switch]$RegisterTask
)
$ErrorActionPreference = "Stop"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$Verify = @("$Here\verify_bundle.py", "$Here")
if ($PublicKey) { $Verify += @("--public-key", $PublicKey) }
& $Python @Verify
if ($LASTEXITCODE -ne 0) { exit 1 }
$Venv = Join-Path $Target "venv"
& $Python -m venv "$Venv"
if ($LASTEXITCODE -ne 0) { Write-Host "仮想環境を作れません。Python 3.11 以上（python.org のインストーラー）を入れてください"; exit 1 }
$VenvPython = Join-Path $Venv "Scripts\python.exe"
# --isolated: この端末の pip 設定を使わず、バンドルの wheels\ だけを見る
& $VenvPython -m pip --isolated install -q --no-index --find-links "$Here\wheels" "jichitai-rpa[ocr2]"
if ($LASTEXITCODE -ne 0) { Write-Host "インストールに失敗しました。上のメッセージを確かめてください"; exit 1 }
$Tessdata = Join-Path $Venv "share\tessdata"
New-Item -ItemType Directory -Force -Path $Tessdata | Out-Null
Copy-Item -Path "$Here\tessdata\*.traineddata" -Destination $Tessdata -Force
$Runner = Join-Path $Venv "Scripts\robot-runner.exe"
Write-Host "インストールしました: $Runner"
if ($RegisterTask) {
    if (-not $Site) { Write-Host "-RegisterTask には -Site が必要です"; exit 1 }
    $SitePath = (Resolve-Path -LiteralPath $Site).Path
    $Action = New-ScheduledTaskAction -Execute $Runner -Argument "scheduler start --site `"$SitePath`"" `
        -WorkingDirectory (Split-Path -Parent $SitePath)
    $Trigger = New-ScheduledTaskTrigger -AtLogOn -User $env:USERNAME
    $Settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 3 `
        -RestartInterval (New-TimeSpan -Minutes 5)
    Register-ScheduledTask -TaskName "jichitai-rpa-scheduler" -Action $Action -Trigger $Trigger `
        -Settings $Settings -Description "自治体RPA スケジューラー ($SitePath)" -Force | Out-Null
    Write-Host "タスク スケジューラに登録しました: jichitai-rpa-scheduler"
}
if ($Site) { & $Runner doctor --site "$Site" } else { & $Runner doctor }
exit $LASTEXITCODE
