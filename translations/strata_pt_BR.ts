<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
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
        <source>Start with the window minimized.</source>
        <translation>Inicia com a janela minimizada.</translation>
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
        <source>&amp;Repository:</source>
        <translation>&amp;Repositório:</translation>
    </message>
    <message>
        <source>Folder of a repository</source>
        <translation>Pasta de um repositório</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
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
</TS>
