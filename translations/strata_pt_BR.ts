<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>SetListModel</name>
    <message>
        <source>every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minutes ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hours ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Strata keeps deduplicated, encrypted versions of your files.</source>
        <translation>O Strata guarda versões deduplicadas e criptografadas dos seus arquivos.</translation>
    </message>
    <message>
        <source>Open the repository at &lt;path&gt; instead of the default one.</source>
        <translation>Abre o repositório em &lt;caminho&gt; em vez do padrão.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>caminho</translation>
    </message>
    <message>
        <source>Start in the system tray (or minimized when there is no tray), for starting at login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata</source>
        <translation type="unfinished">Strata</translation>
    </message>
</context>
<context>
    <name>strata</name>
    <message>
        <source>The set &quot;%1&quot; asks for its password each time, so it cannot run unattended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::BackupPanel</name>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another backup into the same repository runs first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files (%2) in the new version; %3 added to the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backed up, with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and are missing from the version. First: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version was written. What was already uploaded is kept, so the next backup does not upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::BackupService</name>
    <message>
        <source>There is no backup set with the id %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup set was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the repository %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::DestinationPage</name>
    <message>
        <source>Where should the backups go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata keeps them in a repository: a folder that only Strata reads and writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your &amp;data folder (recommended to start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In an&amp;other folder, for example on an external disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new &amp;repository there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to an existing repository there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder holds a Strata repository (number %1). You will connect to it with its password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder already holds a Strata repository (number %1). Connect to it, or choose another folder for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Strata repository in this folder to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write to this place. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new repository will be created in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This folder already holds other files. Choose an empty or a new folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository in this folder cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::MainWindow</name>
    <message>
        <source>Strata</source>
        <translation>Strata</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>&amp;Abrir repositório…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Strata</source>
        <translation>&amp;Sobre o Strata</translation>
    </message>
    <message>
        <source>About Strata</source>
        <translation>Sobre o Strata</translation>
    </message>
    <message>
        <source>Strata %1
Deduplicated, encrypted backups with versions.</source>
        <translation>Strata %1
Backups deduplicados e criptografados, com versões.</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>Abrir repositório</translation>
    </message>
    <message>
        <source>%1 – Strata</source>
        <translation>%1 – Strata</translation>
    </message>
    <message>
        <source>Choose the folder of a repository.</source>
        <translation>Escolha a pasta de um repositório.</translation>
    </message>
    <message>
        <source>Looking for a repository at %1…</source>
        <translation>Procurando um repositório em %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não foi possível ler %1: %2</translation>
    </message>
    <message>
        <source>Asking the keychain for the password…</source>
        <translation>Pedindo a senha ao chaveiro…</translation>
    </message>
    <message>
        <source>The keychain is locked.</source>
        <translation>O chaveiro está bloqueado.</translation>
    </message>
    <message>
        <source>No keychain is available.</source>
        <translation>Nenhum chaveiro está disponível.</translation>
    </message>
    <message>
        <source>No repository yet.</source>
        <translation>Ainda não há repositório.</translation>
    </message>
    <message>
        <source>Waiting for the password…</source>
        <translation>Aguardando a senha…</translation>
    </message>
    <message>
        <source>No repository was created.</source>
        <translation>Nenhum repositório foi criado.</translation>
    </message>
    <message>
        <source>The repository was not opened.</source>
        <translation>O repositório não foi aberto.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abrindo %1…</translation>
    </message>
    <message>
        <source>The password in the keychain does not open this repository any more.</source>
        <translation>A senha guardada no chaveiro não abre mais este repositório.</translation>
    </message>
    <message>
        <source>Wrong password. Try again.</source>
        <translation>Senha incorreta. Tente de novo.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Não foi possível abrir %1: %2</translation>
    </message>
    <message>
        <source>Creating a repository at %1…</source>
        <translation>Criando um repositório em %1…</translation>
    </message>
    <message>
        <source>Cannot create a repository at %1: %2</source>
        <translation>Não foi possível criar um repositório em %1: %2</translation>
    </message>
    <message>
        <source>Created a repository at %1.</source>
        <translation>Repositório criado em %1.</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 aberto.</translation>
    </message>
    <message>
        <source>The password could not be saved in the keychain: %1</source>
        <translation>Não foi possível salvar a senha no chaveiro: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n versão</numerusform>
            <numerusform>%n versões</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Backup Set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Backup Set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move Backup Set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Strata at &amp;Login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot change the login start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Backup Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the backup set &quot;%1&quot;?

Its versions stay in the repository %2 and can still be opened with File &gt; Open Repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the backup set: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup set &quot;%1&quot; needs its password typed in; open Strata to run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the versions in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No versions yet. Back Up Now (Ctrl+B) makes the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata keeps running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled backups run from the tray icon. Quit from its menu to stop them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Backup Is Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitting cancels the running backup. What it has uploaded is kept, so the next backup continues from there.

Quit anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::PasswordDialog</name>
    <message>
        <source>Create Repository</source>
        <translation>Criar repositório</translation>
    </message>
    <message>
        <source>Repository Password</source>
        <translation>Senha do repositório</translation>
    </message>
    <message>
        <source>There is no repository at %1 yet. Choose a password to create one there. Without this password nobody, including you, can restore the backups.</source>
        <translation>Ainda não há um repositório em %1. Escolha uma senha para criar um lá. Sem essa senha ninguém, nem mesmo você, poderá restaurar os backups.</translation>
    </message>
    <message>
        <source>Enter the password of the repository at %1.</source>
        <translation>Digite a senha do repositório em %1.</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Senha:</translation>
    </message>
    <message>
        <source>&amp;Confirm:</source>
        <translation>&amp;Confirmar:</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>As senhas não coincidem.</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the keychain</source>
        <translation>&amp;Lembrar a senha no chaveiro</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>C&amp;riar</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
</context>
<context>
    <name>strata::PasswordPage</name>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished">&amp;Senha:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak: someone could guess it. A few unrelated words make a strong password that is easy to remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair: a little longer would be better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository is locked with a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your backups are locked with this password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the password of the repository in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without it nobody, not even you, can get your files back from the backups. Keep a copy of it somewhere safe, away from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password does not open the repository. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::PasswordStorageChooser</name>
    <message>
        <source>Where the password is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the system &amp;keychain (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the keychain &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nowhere: I &amp;type it each time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled backups cannot run while you are away: each backup waits until you type the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a file only &amp;you can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept unencrypted in this file. Anyone who can use your account, or read your disk, can use it to open your backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether the keychain can be used…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain is locked, so the password cannot be kept there. Unlock it (for example by logging in again) and check again, or choose another option below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so the password cannot be kept there. Choose another option below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain cannot be used, so the password cannot be kept there. Choose another option below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::RestorePreviewModel</name>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
A file is already there, so the restored copy gets this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Tamanho</translation>
    </message>
    <message>
        <source>In the version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::RestoreWizard</name>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the versions: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::ScheduleEditor</name>
    <message>
        <source>Only when I ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every few hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;very:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only when you ask</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SchedulePage</name>
    <message>
        <source>When should backups run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata backs up in the background while you work. A missed backup runs as soon as it can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SetEditor</name>
    <message>
        <source>no rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Backup “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xclusions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders to back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What to back up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient: what to include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (always left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patterns to leave out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out folders marked as &amp;caches (CACHEDIR.TAG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out files &amp;larger than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest file size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave &amp;out, one pattern a line (for example *.tmp, node_modules/ or /home/me/Videos):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incremental: read only what changed since the last backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differential: read what changed since the last full backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each backup reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K&amp;ind of backup:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full backup (re-reads every file) every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When old versions are cleaned up, keep:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;latest versions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a &amp;day, for this many days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a &amp;week, for this many weeks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One a &amp;month, for this many months:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this much in &amp;total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the repository&apos;s password once, so Strata can keep it there:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 is not a valid pattern: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one kind of OTClient file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where the password is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the repository&apos;s password, so Strata can keep it where you chose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password does not open the repository. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SetListModel</name>
    <message>
        <source>manual only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekly on %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>weekday and time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never backed up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last backup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last backup %1, some files skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · next %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No successful backup for %1 (scheduled %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No successful backup yet (scheduled %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SetSidebar</name>
    <message>
        <source>Backup &amp;sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SetupAssistant</name>
    <message>
        <source>Set Up Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SnapshotListModel</name>
    <message>
        <source>Full</source>
        <translation>Completa</translation>
    </message>
    <message>
        <source>Incremental</source>
        <translation>Incremental</translation>
    </message>
    <message>
        <source>Differential</source>
        <translation>Diferencial</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Segurança</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Data e hora</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Máquina</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Arquivos</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
</context>
<context>
    <name>strata::SourcesPage</name>
    <message>
        <source>What should be backed up?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one to start with; you can add more backups later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;home folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose folders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in %1, except caches, the trash and other files that can be downloaded or rebuilt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;OTClient (the Open Tibia game client)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (always left out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders to back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My folders</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::StoragePage</name>
    <message>
        <source>Where should Strata keep the password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled backups need the password when you are not there to type it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the choices below, then press Finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Na&amp;me of this backup:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nowhere: you type it for each backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where: the existing repository in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where: a new repository in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your backup sets were saved by a newer version of Strata, so this version cannot add one. Update Strata and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup named &quot;%1&quot; exists already. Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the repository. This takes a moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the backup settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository could not be created: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the password in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not take the password. Go back and choose another place to keep it. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::TimelineWidget</name>
    <message>
        <source>%1 %2</source>
        <comment>short weekday and day of month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>month and year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline of versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all versions (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions: %1, none selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 version of %2, %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>count and kind of version</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n versions</source>
        <comment>a cluster: always more than one</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No versions yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::TrayIcon</name>
    <message>
        <source>&amp;Open Strata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup sets yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up &quot;%1&quot; now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled backups paused until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled backups paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume scheduled backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause for 1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause until &amp;tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished">&amp;Sair</translation>
    </message>
    <message>
        <source>Strata: idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata: backing up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata: scheduled backups paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata: the last backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) backed up.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Backups are overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup has succeeded for longer than the schedule promises: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::VersionBrowser</name>
    <message>
        <source>S&amp;earch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of a name, or a pattern like *.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Changed in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only what was added or modified since the previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the selected files and folders (all when none is selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open a Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this version of the file in its application, without touching the file on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Hi&amp;story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every version of the selected file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n match(es) so far</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n matches; more are not shown. Type more of the name to narrow the search.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore a copy of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file was not written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened a copy of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application could open %1. The copy is in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring a copy of %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::VersionSearchModel</name>
    <message>
        <source>Cannot search %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Tamanho</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::VersionSummary</name>
    <message>
        <source>No version selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size added:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 new, %3 changed, %4 unmodified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (files that could not be read are listed in the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full</source>
        <translation type="unfinished">Completa</translation>
    </message>
    <message>
        <source>Incremental</source>
        <translation type="unfinished">Incremental</translation>
    </message>
    <message>
        <source>Differential</source>
        <translation type="unfinished">Diferencial</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation type="unfinished">Segurança</translation>
    </message>
    <message>
        <source>less than a second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::VersionTreeModel</name>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished">Não foi possível ler %1: %2</translation>
    </message>
    <message>
        <source>Cannot compare %1 with the other version: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare the folder %1 with the other version: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished">Tamanho</translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::WelcomePage</name>
    <message>
        <source>Welcome to Strata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strata keeps copies of your files so that you can get back any earlier version of them, and a few questions are all it takes to start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::presets</name>
    <message>
        <source>Home folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config.otml, keybinds and hotkeys, and the settings folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-character data (characterdata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modules and mods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add-ons you installed (modules and mods folders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s log files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded files the client fetches again; never backed up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient (Redemption)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient&apos;s config.otml may hold remembered account names and passwords. They are stored in your encrypted repository like any other file; anyone who can open the repository can read them. Turn off &quot;remember password&quot; in the client if that is not what you want.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::wizard::ConflictsPage</name>
    <message>
        <source>Files that are already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what happens when a file to restore exists already. The table shows every file the restore will touch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite only &amp;changed files (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that differ from the version are replaced; identical files are left alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;verwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every existing file is replaced by the version&apos;s copy, even when it is identical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Existing files are kept as they are; only missing files are restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The existing file stays; the restored copy is written beside it as “name (restored)”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the preview by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take a safety version first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before anything is overwritten, the files about to be replaced are backed up as a safety version. If the restore fails they are put back at once; to undo it later, restore the safety version to its original place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Working out what the restore will do… %n file(s) so far.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to create, %2 to overwrite, %3 kept beside as renamed copies, %4 skipped, %5 unchanged; %6 to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) will not be restored because their names could write outside the folder.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::OtclientPage</name>
    <message>
        <source>OTClient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient keeps its settings in config.otml and rewrites it when it exits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for config.otml in what you restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This restore does not include config.otml: OTClient may keep running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient is running. Close OTClient first: it rewrites config.otml when it exits and would undo the restore. Then click “Check again”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OTClient is not running. Keep it closed until the restore has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore includes config.otml.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy written by this restore is not encrypted: keep it private.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::wizard::ProgressPage</name>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring into %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring to the original places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… the partial archive is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… files already replaced are put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what to export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what to restore (and taking the safety version)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore failed: putting the previous files back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::wizard::ReportPage</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo this restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Warnings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files written: %1 (%2 created, %3 overwritten, %4 kept beside existing files as renamed copies), %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1. Unchanged: %2. Failed: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused because their names could write outside the folder: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive: %1 (%2).
It holds %3 files, %4 folders and %5 links: %6 of file content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore is done, but some files could not be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled. No archive was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1. No archive was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything was rolled back: the files it had replaced were put back and the files it had created were removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files restored before you cancelled stay where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety version %1 holds the files this restore replaced. To undo this restore, restore that version to its original place: click “Undo this restore…”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety version %1 holds the files as they were before the restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::wizard::WhatPage</name>
    <message>
        <source>What to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the version, and whether to restore all of it or only the files you chose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Everything in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only the files and folders you chose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen files and folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, from %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This repository has no versions to restore yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>strata::wizard::WherePage</name>
    <message>
        <source>Where to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the files back where they were, into another folder, or into one archive file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their &amp;original place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Another folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An archive &amp;file (zip, tar, 7z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fol&amp;der:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full path of a folder; it is created if missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip (.zip): opens everywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar, gzip (.tar.gz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar, xz (.tar.xz): smaller, slower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar, zstd (.tar.zst): fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7-Zip (.7z): up to 1 GiB of files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For&amp;mat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace the existing file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to %1. Files that are there now are handled on the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore into Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archives (*.%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or choose the folder to restore into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the full path of the folder, starting with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a file, not a folder. Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be created: %2 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write into %1. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be created: you cannot write into %2. Choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type or choose the name of the archive file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the full path of the archive file, starting with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder. Give the name of a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot write into %1. Choose another place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists already. Tick “Replace the existing file” to overwrite it, or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will be restored as %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
