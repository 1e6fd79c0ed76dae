<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>RetentionEditor</name>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
    </message>
</context>
<context>
    <name>SetListModel</name>
    <message>
        <source>every hour</source>
        <translation>a cada hora</translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>a cada %n hora</numerusform>
            <numerusform>a cada %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>há 1 minuto</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes ago</source>
        <translation>
            <numerusform>há %n minuto</numerusform>
            <numerusform>há %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation>há 1 hora</translation>
    </message>
    <message numerus="yes">
        <source>%n hours ago</source>
        <translation>
            <numerusform>há %n hora</numerusform>
            <numerusform>há %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>1 day ago</source>
        <translation>há 1 dia</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>há %n dia</numerusform>
            <numerusform>há %n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hora</numerusform>
            <numerusform>%n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 dia</translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
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
        <translation>Inicia na bandeja do sistema (ou minimizado, quando não há bandeja), para iniciar junto com a sessão.</translation>
    </message>
    <message>
        <source>Strata</source>
        <translation>Strata</translation>
    </message>
</context>
<context>
    <name>strata::BackupPanel</name>
    <message>
        <source>Preparing</source>
        <translation>Preparando</translation>
    </message>
    <message>
        <source>Looking for changes</source>
        <translation>Procurando alterações</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Fazendo backup</translation>
    </message>
    <message>
        <source>Saving the version</source>
        <translation>Salvando a versão</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Verificando</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Processando</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>falta menos de um minuto</translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>falta cerca de %n minuto</numerusform>
            <numerusform>faltam cerca de %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>falta cerca de %n hora</numerusform>
            <numerusform>faltam cerca de %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Progresso do backup</translation>
    </message>
    <message>
        <source>&amp;Cancel backup</source>
        <translation>Cancelar bac&amp;kup</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Dispensar</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Another backup into the same repository runs first.</source>
        <translation>Outro backup no mesmo repositório é executado antes.</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 de %2 arquivos</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 arquivos</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>Backup concluído</translation>
    </message>
    <message>
        <source>%1 files (%2) in the new version; %3 added to the repository.</source>
        <translation>%1 arquivos (%2) na nova versão; %3 adicionados ao repositório.</translation>
    </message>
    <message>
        <source>Backed up, with problems</source>
        <translation>Backup concluído, com problemas</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and are missing from the version. First: %1</source>
        <translation>
            <numerusform>%n arquivo não pôde ser lido e ficou fora da versão: %1</numerusform>
            <numerusform>%n arquivos não puderam ser lidos e ficaram fora da versão. O primeiro: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>No version was written. What was already uploaded is kept, so the next backup does not upload it again.</source>
        <translation>Nenhuma versão foi gravada. O que já foi enviado é mantido, então o próximo backup não o envia de novo.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>O backup falhou</translation>
    </message>
    <message>
        <source>Cleaning up old versions failed: %1</source>
        <translation>A limpeza das versões antigas falhou: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n old version(s) removed, %1 freed.</source>
        <translation>
            <numerusform>%n versão antiga removida, %1 liberados.</numerusform>
            <numerusform>%n versões antigas removidas, %1 liberados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old version(s) removed; their space comes back at the next clean-up.</source>
        <translation>
            <numerusform>%n versão antiga removida; o espaço dela volta na próxima limpeza.</numerusform>
            <numerusform>%n versões antigas removidas; o espaço delas volta na próxima limpeza.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 freed from versions removed earlier.</source>
        <translation>%1 liberados de versões removidas antes.</translation>
    </message>
</context>
<context>
    <name>strata::BackupService</name>
    <message>
        <source>There is no backup set with the id %1.</source>
        <translation>Não há conjunto de backup com o id %1.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>The backup set was removed.</source>
        <translation>O conjunto de backup foi removido.</translation>
    </message>
    <message>
        <source>Cannot open the repository %1: %2</source>
        <translation>Não foi possível abrir o repositório %1: %2</translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Cancelado antes de começar.</translation>
    </message>
    <message>
        <source>The set &quot;%1&quot; asks for its password each time, so it cannot run unattended.</source>
        <translation>O conjunto &quot;%1&quot; pede a senha toda vez, por isso não pode ser executado sem supervisão.</translation>
    </message>
    <message>
        <source>Old versions were removed first (%1 freed), and still: %2</source>
        <translation>Versões antigas foram removidas antes (%1 liberados) e ainda assim: %2</translation>
    </message>
    <message>
        <source>The keychain holds no password for the set &quot;%1&quot;; open Strata to type it.</source>
        <translation>O chaveiro não guarda nenhuma senha para o conjunto &quot;%1&quot;; abra o Strata para digitá-la.</translation>
    </message>
</context>
<context>
    <name>strata::DestinationPage</name>
    <message>
        <source>Where should the backups go?</source>
        <translation>Onde os backups devem ficar?</translation>
    </message>
    <message>
        <source>Strata keeps them in a repository: a folder that only Strata reads and writes.</source>
        <translation>O Strata os guarda em um repositório: uma pasta que só o Strata lê e grava.</translation>
    </message>
    <message>
        <source>In your &amp;data folder (recommended to start)</source>
        <translation>Na sua pasta de &amp;dados (recomendado para começar)</translation>
    </message>
    <message>
        <source>In an&amp;other folder, for example on an external disk:</source>
        <translation>Em &amp;outra pasta, por exemplo em um disco externo:</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Pasta do backup</translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>Create a new &amp;repository there</source>
        <translation>Criar um novo &amp;repositório nela</translation>
    </message>
    <message>
        <source>&amp;Connect to an existing repository there</source>
        <translation>&amp;Conectar a um repositório existente nela</translation>
    </message>
    <message>
        <source>Backup Folder</source>
        <translation>Pasta do backup</translation>
    </message>
    <message>
        <source>Looking at the folder…</source>
        <translation>Examinando a pasta…</translation>
    </message>
    <message>
        <source>Type or choose a folder.</source>
        <translation>Digite ou escolha uma pasta.</translation>
    </message>
    <message>
        <source>This folder holds a Strata repository (number %1). You will connect to it with its password.</source>
        <translation>Esta pasta contém um repositório do Strata (número %1). Você vai se conectar a ele com a senha dele.</translation>
    </message>
    <message>
        <source>This folder already holds a Strata repository (number %1). Connect to it, or choose another folder for a new one.</source>
        <translation>Esta pasta já contém um repositório do Strata (número %1). Conecte-se a ele ou escolha outra pasta para um novo.</translation>
    </message>
    <message>
        <source>There is no Strata repository in this folder to connect to.</source>
        <translation>Não há nenhum repositório do Strata nesta pasta ao qual se conectar.</translation>
    </message>
    <message>
        <source>You cannot write to this place. Choose a folder you can write to.</source>
        <translation>Você não pode gravar neste local. Escolha uma pasta em que possa gravar.</translation>
    </message>
    <message>
        <source>A new repository will be created in this folder.</source>
        <translation>Um novo repositório será criado nesta pasta.</translation>
    </message>
    <message>
        <source>This folder already holds other files. Choose an empty or a new folder.</source>
        <translation>Esta pasta já contém outros arquivos. Escolha uma pasta vazia ou nova.</translation>
    </message>
    <message>
        <source>This is a file, not a folder.</source>
        <translation>Isto é um arquivo, não uma pasta.</translation>
    </message>
    <message>
        <source>The repository in this folder cannot be used: %1</source>
        <translation>O repositório desta pasta não pode ser usado: %1</translation>
    </message>
</context>
<context>
    <name>strata::DiffViewer</name>
    <message>
        <source>Compare %1</source>
        <translation>Comparar %1</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Comparando…</translation>
    </message>
    <message>
        <source>&amp;Previous Change</source>
        <translation>Alteração &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Next Change</source>
        <translation>&amp;Próxima alteração</translation>
    </message>
    <message>
        <source>Shift+F7</source>
        <translation>Shift+F7</translation>
    </message>
    <message>
        <source>F7</source>
        <translation>F7</translation>
    </message>
    <message>
        <source>The files could not be compared.</source>
        <translation>Não foi possível comparar os arquivos.</translation>
    </message>
    <message>
        <source>The files are identical.</source>
        <translation>Os arquivos são idênticos.</translation>
    </message>
    <message>
        <source>%1 removed, %2 added (%3)</source>
        <translation>%1 removidas, %2 adicionadas (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n linha</numerusform>
            <numerusform>%n linhas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2 bytes</source>
        <translation>%1 → %2 bytes</translation>
    </message>
    <message>
        <source>first difference at byte %1</source>
        <translation>primeira diferença no byte %1</translation>
    </message>
    <message>
        <source>(not there)</source>
        <translation>(não existia)</translation>
    </message>
    <message>
        <source>These files are not text.
Before: %1 bytes, SHA-256 %2
After: %3 bytes, SHA-256 %4</source>
        <translation>Estes arquivos não são texto.
Antes: %1 bytes, SHA-256 %2
Depois: %3 bytes, SHA-256 %4</translation>
    </message>
    <message>
        <source>These images cannot be shown.</source>
        <translation>Não é possível mostrar estas imagens.</translation>
    </message>
    <message>
        <source>changed region %1×%2 at %3, %4</source>
        <translation>região alterada de %1×%2 em %3, %4</translation>
    </message>
    <message>
        <source>Version of %1</source>
        <translation>Versão de %1</translation>
    </message>
    <message>
        <source>On disk now</source>
        <translation>No disco agora</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Depois</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Blink (Space flips)</source>
        <translation>Piscar (Espaço alterna)</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Deslizar</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Exibir:</translation>
    </message>
    <message>
        <source>Swipe position</source>
        <translation>Posição do deslize</translation>
    </message>
</context>
<context>
    <name>strata::FileHistoryModel</name>
    <message>
        <source>appeared</source>
        <translation>apareceu</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>sumiu</translation>
    </message>
    <message>
        <source>type</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>content</source>
        <translation>conteúdo</translation>
    </message>
    <message>
        <source>size</source>
        <translation>tamanho</translation>
    </message>
    <message>
        <source>permissions</source>
        <translation>permissões</translation>
    </message>
    <message>
        <source>time only</source>
        <translation>só a data</translation>
    </message>
    <message>
        <source>not in this version</source>
        <translation>não está nesta versão</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>O que mudou</translation>
    </message>
</context>
<context>
    <name>strata::FolderDiffModel</name>
    <message>
        <source>Added</source>
        <translation>Adicionado</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removido</translation>
    </message>
    <message>
        <source>Changed: type</source>
        <translation>Alterado: tipo</translation>
    </message>
    <message>
        <source>content</source>
        <translation>conteúdo</translation>
    </message>
    <message>
        <source>permissions</source>
        <translation>permissões</translation>
    </message>
    <message>
        <source>modification time</source>
        <translation>data de modificação</translation>
    </message>
    <message>
        <source>owner or attributes</source>
        <translation>dono ou atributos</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Alterado</translation>
    </message>
    <message>
        <source>Changed: %1</source>
        <translation>Alterado: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
    <message>
        <source>Size before</source>
        <translation>Tamanho antes</translation>
    </message>
    <message>
        <source>Size after</source>
        <translation>Tamanho depois</translation>
    </message>
</context>
<context>
    <name>strata::FolderDiffWindow</name>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Show what the newer version has and the older did not</source>
        <translation>Mostrar o que a versão mais nova tem e a mais antiga não tinha</translation>
    </message>
    <message>
        <source>Show what the older version had and the newer does not</source>
        <translation>Mostrar o que a versão mais antiga tinha e a mais nova não tem</translation>
    </message>
    <message>
        <source>Show what both versions hold, changed</source>
        <translation>Mostrar o que as duas versões têm, alterado</translation>
    </message>
    <message>
        <source>Reading the changes…</source>
        <translation>Lendo as alterações…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparar</translation>
    </message>
    <message>
        <source>Show the selected file in both versions side by side (Enter)</source>
        <translation>Mostrar o arquivo selecionado nas duas versões lado a lado (Enter)</translation>
    </message>
    <message>
        <source>The changes cannot be read: %1</source>
        <translation>Não foi possível ler as alterações: %1</translation>
    </message>
    <message>
        <source>Changes from %1 to %2</source>
        <translation>Alterações de %1 a %2</translation>
    </message>
    <message>
        <source>&amp;Added (%1)</source>
        <translation>&amp;Adicionados (%1)</translation>
    </message>
    <message>
        <source>&amp;Added</source>
        <translation>&amp;Adicionados</translation>
    </message>
    <message>
        <source>&amp;Removed (%1)</source>
        <translation>&amp;Removidos (%1)</translation>
    </message>
    <message>
        <source>&amp;Removed</source>
        <translation>&amp;Removidos</translation>
    </message>
    <message>
        <source>C&amp;hanged (%1)</source>
        <translation>Al&amp;terados (%1)</translation>
    </message>
    <message>
        <source>C&amp;hanged</source>
        <translation>Al&amp;terados</translation>
    </message>
    <message>
        <source>Nothing changed between these versions.</source>
        <translation>Nada mudou entre estas versões.</translation>
    </message>
    <message>
        <source>%1 added (%2), %3 removed (%4), %5 changed</source>
        <translation>%1 adicionados (%2), %3 removidos (%4), %5 alterados</translation>
    </message>
    <message>
        <source>Not in the version of %1</source>
        <translation>Não está na versão de %1</translation>
    </message>
</context>
<context>
    <name>strata::FreeSpaceDialog</name>
    <message>
        <source>Free Up Space</source>
        <translation>Liberar espaço</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Why it goes</source>
        <translation>Por que sai</translation>
    </message>
    <message>
        <source>&amp;Free Up Space</source>
        <translation>&amp;Liberar espaço</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Working out what a clean-up would remove…</source>
        <translation>Calculando o que uma limpeza removeria…</translation>
    </message>
    <message>
        <source>The clean-up cannot be planned.</source>
        <translation>Não é possível planejar a limpeza.</translation>
    </message>
    <message>
        <source>No backup set here has rules for this repository, so no version is removed: only the space that removed versions left behind comes back.</source>
        <translation>Nenhum conjunto de backup aqui tem regras para este repositório, então nenhuma versão é removida: volta só o espaço deixado por versões já removidas.</translation>
    </message>
    <message>
        <source>“%1” has no rules for old versions (see its Keep tab), so no version is removed: only the space that removed versions left behind comes back.</source>
        <translation>“%1” não tem regras para versões antigas (veja a aba Manter), então nenhuma versão é removida: volta só o espaço deixado por versões já removidas.</translation>
    </message>
    <message>
        <source>The rules of “%1” keep every version made on this computer.</source>
        <translation>As regras de “%1” mantêm todas as versões feitas neste computador.</translation>
    </message>
    <message numerus="yes">
        <source>The rules of “%1” remove %n version(s) made on this computer:</source>
        <translation>
            <numerusform>As regras de “%1” removem %n versão feita neste computador:</numerusform>
            <numerusform>As regras de “%1” removem %n versões feitas neste computador:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %1 of %2 comes back (%n pack(s) to delete or repack).</source>
        <translation>
            <numerusform>Voltam cerca de %1 de %2 (%n pacote a apagar ou reempacotar).</numerusform>
            <numerusform>Voltam cerca de %1 de %2 (%n pacotes a apagar ou reempacotar).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing comes back: everything stored is still in use.</source>
        <translation>Nada volta: tudo o que está guardado ainda está em uso.</translation>
    </message>
    <message numerus="yes">
        <source>Removing %n version(s) and giving the space back…</source>
        <translation>
            <numerusform>Removendo %n versão e devolvendo o espaço…</numerusform>
            <numerusform>Removendo %n versões e devolvendo o espaço…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n version(s).</source>
        <translation>
            <numerusform>%n versão removida.</numerusform>
            <numerusform>%n versões removidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Freed %1: the repository now holds %2.</source>
        <translation>%1 liberados: o repositório agora ocupa %2.</translation>
    </message>
    <message>
        <source>The repository is in use, so nothing was removed. Try again when that has finished.</source>
        <translation>O repositório está em uso, então nada foi removido. Tente de novo quando isso terminar.</translation>
    </message>
    <message>
        <source>The clean-up was stopped.</source>
        <translation>A limpeza foi interrompida.</translation>
    </message>
    <message>
        <source>The clean-up stopped with a problem.</source>
        <translation>A limpeza parou com um problema.</translation>
    </message>
    <message>
        <source>%1
Every version that was kept is whole; the next clean-up finishes the job.</source>
        <translation>%1
Toda versão mantida está íntegra; a próxima limpeza termina o trabalho.</translation>
    </message>
</context>
<context>
    <name>strata::HistoryPanel</name>
    <message>
        <source>History of %1</source>
        <translation>Histórico de %1</translation>
    </message>
    <message>
        <source>&amp;Only versions where it changed</source>
        <translation>&amp;Só as versões em que mudou</translation>
    </message>
    <message>
        <source>Reading the versions…</source>
        <translation>Lendo as versões…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparar</translation>
    </message>
    <message>
        <source>Compare the two selected versions, or the selected one with the version before it</source>
        <translation>Comparar as duas versões selecionadas, ou a selecionada com a versão anterior a ela</translation>
    </message>
    <message>
        <source>Compare with &amp;Disk</source>
        <translation>Comparar com o &amp;disco</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n versão</numerusform>
            <numerusform>%n versões</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>it changed in %n</source>
        <translation>
            <numerusform>mudou em %n</numerusform>
            <numerusform>mudou em %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>Não foi possível ler o histórico: %1</translation>
    </message>
    <message>
        <source>That version is no longer in the repository.</source>
        <translation>Essa versão não está mais no repositório.</translation>
    </message>
    <message>
        <source>Before it existed</source>
        <translation>Antes de existir</translation>
    </message>
    <message>
        <source>&amp;Open a Copy</source>
        <translation>Abr&amp;ir uma cópia</translation>
    </message>
    <message>
        <source>Open the selected version of the file in its application, without changing the file on disk</source>
        <translation>Abrir a versão selecionada do arquivo no aplicativo dele, sem alterar o arquivo no disco</translation>
    </message>
    <message>
        <source>&amp;Restore This Version…</source>
        <translation>&amp;Restaurar Esta Versão…</translation>
    </message>
    <message>
        <source>Put the selected version of it back in its place</source>
        <translation>Colocar a versão selecionada de volta no lugar</translation>
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
        <translation>Ações</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>&amp;Fazer backup agora</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurar…</translation>
    </message>
    <message>
        <source>&amp;New Backup Set…</source>
        <translation>&amp;Novo conjunto de backup…</translation>
    </message>
    <message>
        <source>&amp;Edit Backup Set…</source>
        <translation>&amp;Editar conjunto de backup…</translation>
    </message>
    <message>
        <source>Re&amp;move Backup Set…</source>
        <translation>Re&amp;mover conjunto de backup…</translation>
    </message>
    <message>
        <source>&amp;Backup</source>
        <translation>&amp;Backup</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configurações</translation>
    </message>
    <message>
        <source>Start Strata at &amp;Login</source>
        <translation>Iniciar o Strata ao fazer &amp;login</translation>
    </message>
    <message>
        <source>Cannot change the login start: %1</source>
        <translation>Não foi possível alterar o início ao fazer login: %1</translation>
    </message>
    <message>
        <source>Remove Backup Set</source>
        <translation>Remover conjunto de backup</translation>
    </message>
    <message>
        <source>Remove the backup set &quot;%1&quot;?

Its versions stay in the repository %2 and can still be opened with File &gt; Open Repository.</source>
        <translation>Remover o conjunto de backup &quot;%1&quot;?

As versões dele continuam no repositório %2 e ainda podem ser abertas em Arquivo &gt; Abrir repositório.</translation>
    </message>
    <message>
        <source>Cannot remove the backup set: %1</source>
        <translation>Não foi possível remover o conjunto de backup: %1</translation>
    </message>
    <message>
        <source>Cannot list the versions in %1: %2</source>
        <translation>Não foi possível listar as versões em %1: %2</translation>
    </message>
    <message>
        <source>No versions yet. Back Up Now (Ctrl+B) makes the first one.</source>
        <translation>Ainda não há versões. Fazer backup agora (Ctrl+B) cria a primeira.</translation>
    </message>
    <message>
        <source>Strata keeps running</source>
        <translation>O Strata continua em execução</translation>
    </message>
    <message>
        <source>Scheduled backups run from the tray icon. Quit from its menu to stop them.</source>
        <translation>Os backups agendados são executados pelo ícone na bandeja. Saia pelo menu dele para interrompê-los.</translation>
    </message>
    <message>
        <source>A Backup Is Running</source>
        <translation>Um backup está em andamento</translation>
    </message>
    <message>
        <source>Quitting cancels the running backup. What it has uploaded is kept, so the next backup continues from there.

Quit anyway?</source>
        <translation>Sair cancela o backup em andamento. O que ele já enviou é mantido, então o próximo backup continua de onde parou.

Sair mesmo assim?</translation>
    </message>
    <message>
        <source>A restore is running. Cancel it in its window first; Strata then puts back anything it had changed.</source>
        <translation>Uma restauração está em andamento. Cancele-a na janela dela primeiro; o Strata então devolve tudo o que ela tinha alterado.</translation>
    </message>
    <message>
        <source>&amp;Repository</source>
        <translation>&amp;Repositório</translation>
    </message>
    <message>
        <source>&amp;Pin Version</source>
        <translation>&amp;Fixar versão</translation>
    </message>
    <message>
        <source>A pinned version is kept whatever the set&apos;s rules say.</source>
        <translation>Uma versão fixada é mantida, digam o que disserem as regras do conjunto.</translation>
    </message>
    <message>
        <source>&amp;Free Up Space…</source>
        <translation>&amp;Liberar espaço…</translation>
    </message>
    <message>
        <source>Remove the versions the set&apos;s rules let go and give their space back, after a preview.</source>
        <translation>Remover as versões que as regras do conjunto deixam ir e devolver o espaço delas, depois de uma prévia.</translation>
    </message>
    <message>
        <source>Pinning the version…</source>
        <translation>Fixando a versão…</translation>
    </message>
    <message>
        <source>Unpinning the version…</source>
        <translation>Soltando a versão…</translation>
    </message>
    <message>
        <source>Cannot pin the version: %1</source>
        <translation>Não é possível fixar a versão: %1</translation>
    </message>
    <message>
        <source>Cannot unpin the version: %1</source>
        <translation>Não é possível soltar a versão: %1</translation>
    </message>
    <message>
        <source>Pinned: no clean-up removes this version.</source>
        <translation>Fixada: nenhuma limpeza remove esta versão.</translation>
    </message>
    <message>
        <source>Unpinned: the set&apos;s rules decide about this version again.</source>
        <translation>Solta: as regras do conjunto voltam a decidir sobre esta versão.</translation>
    </message>
    <message>
        <source>File &amp;History…</source>
        <translation>&amp;Histórico de arquivo…</translation>
    </message>
    <message>
        <source>Choose a file on disk and see every version of it</source>
        <translation>Escolher um arquivo no disco e ver todas as versões dele</translation>
    </message>
    <message>
        <source>File History</source>
        <translation>Histórico de arquivo</translation>
    </message>
    <message>
        <source>The catalog of this repository cannot be used (%1): building it again…</source>
        <translation>O catálogo deste repositório não pode ser usado (%1): montando-o de novo…</translation>
    </message>
    <message>
        <source>Indexing versions… %1 of %2</source>
        <translation>Indexando versões… %1 de %2</translation>
    </message>
    <message>
        <source>Rebuilding the catalog… %1 of %2 versions</source>
        <translation>Remontando o catálogo… %1 de %2 versões</translation>
    </message>
    <message>
        <source>The catalog was rebuilt from the repository (the old one: %1).</source>
        <translation>O catálogo foi remontado a partir do repositório (o antigo: %1).</translation>
    </message>
    <message>
        <source>The catalog could not be brought up to date: %1</source>
        <translation>Não foi possível atualizar o catálogo: %1</translation>
    </message>
    <message>
        <source>&amp;Compare Versions…</source>
        <translation>&amp;Comparar versões…</translation>
    </message>
    <message>
        <source>Show what changed between the two versions selected on the timeline (select a second one with Ctrl+click or Shift+Left/Right).</source>
        <translation>Mostrar o que mudou entre as duas versões selecionadas na linha do tempo (selecione uma segunda com Ctrl+clique ou Shift+Esquerda/Direita).</translation>
    </message>
    <message>
        <source>Show &amp;Safety Versions</source>
        <translation>Mostrar Versões de &amp;Segurança</translation>
    </message>
    <message>
        <source>Show the versions Strata took of your files before a restore replaced them.</source>
        <translation>Mostrar as versões que o Strata fez dos seus arquivos antes de uma restauração substituí-los.</translation>
    </message>
    <message>
        <source>Opening the repository…</source>
        <translation>Abrindo o repositório…</translation>
    </message>
    <message>
        <source>Locked: the versions show once the password is given</source>
        <translation>Bloqueado: as versões aparecem quando a senha for informada</translation>
    </message>
    <message>
        <source>This backup set keeps its password in a file.</source>
        <translation>Este conjunto de backup guarda a senha num arquivo.</translation>
    </message>
    <message>
        <source>The password file cannot be read: %1</source>
        <translation>Não foi possível ler o arquivo de senha: %1</translation>
    </message>
    <message>
        <source>No repository here yet</source>
        <translation>Ainda não há repositório aqui</translation>
    </message>
    <message>
        <source>No versions to show</source>
        <translation>Nenhuma versão para mostrar</translation>
    </message>
    <message>
        <source>The password in the file does not open this repository any more.</source>
        <translation>A senha do arquivo não abre mais este repositório.</translation>
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
    <message>
        <source>There is no repository in this folder yet. Choose a password to create one there. Without this password nobody, including you, can restore the backups.</source>
        <translation>Ainda não há repositório nesta pasta. Escolha uma senha para criar um ali. Sem esta senha ninguém, nem você, consegue restaurar os backups.</translation>
    </message>
    <message>
        <source>Enter the password of this repository.</source>
        <translation>Digite a senha deste repositório.</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>Repositório:</translation>
    </message>
    <message>
        <source>This backup set does not keep its password in the keychain.</source>
        <translation>Este conjunto de backup não guarda a senha no chaveiro.</translation>
    </message>
</context>
<context>
    <name>strata::PasswordPage</name>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>As duas senhas não são iguais.</translation>
    </message>
    <message>
        <source>Checking the password</source>
        <translation>Verificando a senha</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Senha:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmar:</translation>
    </message>
    <message>
        <source>Weak: someone could guess it. A few unrelated words make a strong password that is easy to remember.</source>
        <translation>Fraca: alguém poderia adivinhá-la. Algumas palavras sem relação entre si formam uma senha forte e fácil de lembrar.</translation>
    </message>
    <message>
        <source>Fair: a little longer would be better.</source>
        <translation>Razoável: um pouco mais longa seria melhor.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Forte.</translation>
    </message>
    <message>
        <source>The repository is locked with a password.</source>
        <translation>O repositório é protegido por uma senha.</translation>
    </message>
    <message>
        <source>Your backups are locked with this password.</source>
        <translation>Seus backups ficam protegidos por esta senha.</translation>
    </message>
    <message>
        <source>Type the password of the repository in %1.</source>
        <translation>Digite a senha do repositório em %1.</translation>
    </message>
    <message>
        <source>Without it nobody, not even you, can get your files back from the backups. Keep a copy of it somewhere safe, away from this computer.</source>
        <translation>Sem ela ninguém, nem mesmo você, consegue recuperar seus arquivos dos backups. Guarde uma cópia dela em um lugar seguro, longe deste computador.</translation>
    </message>
    <message>
        <source>This password does not open the repository. Check it and try again.</source>
        <translation>Esta senha não abre o repositório. Confira-a e tente de novo.</translation>
    </message>
    <message>
        <source>The repository could not be opened: %1</source>
        <translation>Não foi possível abrir o repositório: %1</translation>
    </message>
</context>
<context>
    <name>strata::PasswordStorageChooser</name>
    <message>
        <source>Where the password is kept</source>
        <translation>Onde a senha é guardada</translation>
    </message>
    <message>
        <source>In the system &amp;keychain (recommended)</source>
        <translation>No &amp;chaveiro do sistema (recomendado)</translation>
    </message>
    <message>
        <source>Check the keychain &amp;again</source>
        <translation>Verificar o chaveiro &amp;novamente</translation>
    </message>
    <message>
        <source>Nowhere: I &amp;type it each time</source>
        <translation>Em lugar nenhum: eu a &amp;digito toda vez</translation>
    </message>
    <message>
        <source>Scheduled backups cannot run while you are away: each backup waits until you type the password.</source>
        <translation>Os backups agendados não podem ser executados enquanto você estiver ausente: cada backup espera até você digitar a senha.</translation>
    </message>
    <message>
        <source>In a file only &amp;you can read</source>
        <translation>Em um arq&amp;uivo que só você pode ler</translation>
    </message>
    <message>
        <source>The password is kept unencrypted in this file. Anyone who can use your account, or read your disk, can use it to open your backups.</source>
        <translation>A senha fica guardada sem criptografia neste arquivo. Qualquer pessoa que possa usar sua conta, ou ler seu disco, pode usá-la para abrir seus backups.</translation>
    </message>
    <message>
        <source>Password file</source>
        <translation>Arquivo de senha</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Escolher…</translation>
    </message>
    <message>
        <source>Checking whether the keychain can be used…</source>
        <translation>Verificando se o chaveiro pode ser usado…</translation>
    </message>
    <message>
        <source>The keychain is locked, so the password cannot be kept there. Unlock it (for example by logging in again) and check again, or choose another option below.</source>
        <translation>O chaveiro está bloqueado, então a senha não pode ser guardada nele. Desbloqueie-o (por exemplo, entrando na sessão de novo) e verifique novamente, ou escolha outra opção abaixo.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer, so the password cannot be kept there. Choose another option below.</source>
        <translation>Nenhum chaveiro está disponível neste computador, então a senha não pode ser guardada nele. Escolha outra opção abaixo.</translation>
    </message>
    <message>
        <source>The keychain cannot be used, so the password cannot be kept there. Choose another option below.</source>
        <translation>O chaveiro não pode ser usado, então a senha não pode ser guardada nele. Escolha outra opção abaixo.</translation>
    </message>
    <message>
        <source>Password File</source>
        <translation>Arquivo de senha</translation>
    </message>
</context>
<context>
    <name>strata::QuickRestoreDialog</name>
    <message>
        <source>Restore a File</source>
        <translation>Restaurar um Arquivo</translation>
    </message>
    <message>
        <source>Restore “%1” as it was on %2?</source>
        <translation>Restaurar “%1” como estava em %2?</translation>
    </message>
    <message>
        <source>Looking at the file on disk…</source>
        <translation>Examinando o arquivo no disco…</translation>
    </message>
    <message>
        <source>&amp;Keep the current file too (the restored one gets a new name)</source>
        <translation>&amp;Manter também o arquivo atual (o restaurado recebe outro nome)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;More Options…</source>
        <translation>Mais &amp;Opções…</translation>
    </message>
    <message>
        <source>Restore somewhere else, into an archive, or with a preview</source>
        <translation>Restaurar em outro lugar, num arquivo compactado ou com uma prévia</translation>
    </message>
    <message>
        <source>Cannot tell what the restore would do: %1</source>
        <translation>Não foi possível saber o que a restauração faria: %1</translation>
    </message>
    <message>
        <source>This is not a single file of the version. More Options… restores it with the restore wizard.</source>
        <translation>Isto não é um único arquivo da versão. Mais Opções… o restaura com o assistente de restauração.</translation>
    </message>
    <message>
        <source>It is not there now: the restore puts it back (%1).</source>
        <translation>Ele não está lá agora: a restauração o coloca de volta (%1).</translation>
    </message>
    <message>
        <source>The file there has changed since this version. The restore replaces it (%1); a safety version of the current file is taken first, so you can go back to it.</source>
        <translation>O arquivo mudou desde esta versão. A restauração o substitui (%1); antes é feita uma versão de segurança do arquivo atual, para que você possa voltar a ele.</translation>
    </message>
    <message>
        <source>The file there is already the same as in this version: there is nothing to restore.</source>
        <translation>O arquivo já é igual ao desta versão: não há nada a restaurar.</translation>
    </message>
    <message>
        <source>Restoring a copy beside the current file…</source>
        <translation>Restaurando uma cópia ao lado do arquivo atual…</translation>
    </message>
    <message>
        <source>Taking a safety version and restoring the file…</source>
        <translation>Fazendo uma versão de segurança e restaurando o arquivo…</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>Restaurado.</translation>
    </message>
    <message>
        <source>The file it replaced is kept in a safety version (%1): Show Safety Versions in the Repository menu lists it.</source>
        <translation>O arquivo substituído fica guardado numa versão de segurança (%1): Mostrar Versões de Segurança, no menu Repositório, a lista.</translation>
    </message>
    <message>
        <source>The current file is left as it was, beside the restored copy.</source>
        <translation>O arquivo atual ficou como estava, ao lado da cópia restaurada.</translation>
    </message>
    <message>
        <source>The repository could not give back all of the file: %1. The file on disk was left as it was.</source>
        <translation>O repositório não conseguiu devolver o arquivo inteiro: %1. O arquivo no disco ficou como estava.</translation>
    </message>
    <message>
        <source>Cancelled. The file is back as it was before.</source>
        <translation>Cancelado. O arquivo voltou a ser como era.</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Cancelado. Nada foi alterado.</translation>
    </message>
    <message>
        <source>The restore failed and the file is back as it was before: %1</source>
        <translation>A restauração falhou e o arquivo voltou a ser como era: %1</translation>
    </message>
    <message>
        <source>The restore failed; nothing was changed: %1</source>
        <translation>A restauração falhou; nada foi alterado: %1</translation>
    </message>
    <message>
        <source>Cancelling… the file is put back as it was.</source>
        <translation>Cancelando… o arquivo volta a ser como era.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>To its original place:</source>
        <translation>Para o lugar original:</translation>
    </message>
</context>
<context>
    <name>strata::RestorePreviewModel</name>
    <message>
        <source>Create</source>
        <translation>Criar</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Sobrescrever</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Pular</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Manter ambos</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inalterado</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation>Pipe</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>%1
A file is already there, so the restored copy gets this name.</source>
        <translation>%1
Já existe um arquivo lá, então a cópia restaurada recebe este nome.</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>In the version</source>
        <translation>Na versão</translation>
    </message>
</context>
<context>
    <name>strata::RestoreWizard</name>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>Cannot list the versions: %1</source>
        <translation>Não foi possível listar as versões: %1</translation>
    </message>
</context>
<context>
    <name>strata::RetentionEditor</name>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>e.g. 2w3d (weeks and days), 24h, 1y</source>
        <translation>ex.: 2w3d (semanas e dias), 24h, 1y</translation>
    </message>
    <message>
        <source>tags, separated by commas (&quot;pinned&quot; is always kept)</source>
        <translation>etiquetas, separadas por vírgulas (&quot;pinned&quot; é sempre mantida)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>&amp;Clean up after each backup, by these rules</source>
        <translation>&amp;Limpar após cada backup, por estas regras</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>&amp;Time Machine</source>
        <translation>&amp;Time Machine</translation>
    </message>
    <message>
        <source>Every version for 24 hours, one a day for a month, one a week after that</source>
        <translation>Todas as versões por 24 horas, uma por dia por um mês, uma por semana depois disso</translation>
    </message>
    <message>
        <source>De&amp;faults</source>
        <translation>&amp;Padrões</translation>
    </message>
    <message>
        <source>Presets:</source>
        <translation>Predefinições:</translation>
    </message>
    <message>
        <source>The &amp;latest versions:</source>
        <translation>As ú&amp;ltimas versões:</translation>
    </message>
    <message>
        <source>One an &amp;hour, for this many hours:</source>
        <translation>Uma por &amp;hora, por este número de horas:</translation>
    </message>
    <message>
        <source>One a &amp;day, for this many days:</source>
        <translation>Uma por &amp;dia, por este número de dias:</translation>
    </message>
    <message>
        <source>One a &amp;week, for this many weeks:</source>
        <translation>Uma por s&amp;emana, por este número de semanas:</translation>
    </message>
    <message>
        <source>One a &amp;month, for this many months:</source>
        <translation>Uma por &amp;mês, por este número de meses:</translation>
    </message>
    <message>
        <source>One a &amp;year, for this many years:</source>
        <translation>Uma por &amp;ano, por este número de anos:</translation>
    </message>
    <message>
        <source>Every version &amp;within:</source>
        <translation>Todas as versões &amp;dentro de:</translation>
    </message>
    <message>
        <source>Versions ta&amp;gged:</source>
        <translation>Versões com eti&amp;queta:</translation>
    </message>
    <message>
        <source>At most this much in &amp;total:</source>
        <translation>No máximo este tamanho no &amp;total:</translation>
    </message>
    <message>
        <source>&amp;Safety versions, for:</source>
        <translation>Versões de &amp;segurança, por:</translation>
    </message>
    <message>
        <source>&amp;Give space back at most every:</source>
        <translation>&amp;Devolver espaço no máximo a cada:</translation>
    </message>
    <message>
        <source>Which versions the rules keep</source>
        <translation>Quais versões as regras mantêm</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Máquina</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Mantida</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por quê</translation>
    </message>
    <message>
        <source>&lt;b&gt;Preview on this set&apos;s versions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prévia nas versões deste conjunto&lt;/b&gt;</translation>
    </message>
    <message>
        <source>When old versions are cleaned up, keep:</source>
        <translation>Quando as versões antigas forem limpas, manter:</translation>
    </message>
    <message>
        <source>The set&apos;s versions are being read…</source>
        <translation>As versões do conjunto estão sendo lidas…</translation>
    </message>
    <message>
        <source>Keep: &quot;%1&quot; is not a duration (%2). Write it as 2w3d, 24h or 1y.</source>
        <translation>Manter: &quot;%1&quot; não é uma duração (%2). Escreva como 2w3d, 24h ou 1y.</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>mantida</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removida</translation>
    </message>
    <message>
        <source>This set has no versions yet.</source>
        <translation>Este conjunto ainda não tem versões.</translation>
    </message>
    <message numerus="yes">
        <source>All %n version(s) are kept.</source>
        <translation>
            <numerusform>A %n versão é mantida.</numerusform>
            <numerusform>Todas as %n versões são mantidas.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 versions are kept; the next clean-up removes %3.</source>
        <translation>%1 de %2 versões são mantidas; a próxima limpeza remove %3.</translation>
    </message>
</context>
<context>
    <name>strata::ScheduleEditor</name>
    <message>
        <source>Only when I ask</source>
        <translation>Somente quando eu pedir</translation>
    </message>
    <message>
        <source>Every few hours</source>
        <translation>A cada algumas horas</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Todo dia</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Toda semana</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> horas</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Quando:</translation>
    </message>
    <message>
        <source>E&amp;very:</source>
        <translation>A &amp;cada:</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Dia:</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>&amp;Horário:</translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>a cada %n hora</numerusform>
            <numerusform>a cada %n horas</numerusform>
        </translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation>todo dia às %1</translation>
    </message>
    <message>
        <source>every %1 at %2</source>
        <translation>toda semana, %1 às %2</translation>
    </message>
    <message>
        <source>only when you ask</source>
        <translation>somente quando você pedir</translation>
    </message>
</context>
<context>
    <name>strata::SchedulePage</name>
    <message>
        <source>When should backups run?</source>
        <translation>Quando os backups devem ser executados?</translation>
    </message>
    <message>
        <source>Strata backs up in the background while you work. A missed backup runs as soon as it can.</source>
        <translation>O Strata faz backup em segundo plano enquanto você trabalha. Um backup perdido é executado assim que possível.</translation>
    </message>
</context>
<context>
    <name>strata::SetEditor</name>
    <message>
        <source>Edit Backup “%1”</source>
        <translation>Editar backup “%1”</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Geral</translation>
    </message>
    <message>
        <source>E&amp;xclusions</source>
        <translation>E&amp;xclusões</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Agendamento</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Retenção</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Senha</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Processando</translation>
    </message>
    <message>
        <source>Folders to back up</source>
        <translation>Pastas incluídas no backup</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>Adi&amp;cionar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Re&amp;mover</translation>
    </message>
    <message>
        <source>Add a Folder</source>
        <translation>Adicionar uma pasta</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;What to back up:</source>
        <translation>&amp;O que incluir no backup:</translation>
    </message>
    <message>
        <source>Where to:</source>
        <translation>Destino:</translation>
    </message>
    <message>
        <source>OTClient: what to include</source>
        <translation>OTClient: o que incluir</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (always left out)</source>
        <translation>%1: %2 (sempre deixado de fora)</translation>
    </message>
    <message>
        <source>Patterns to leave out</source>
        <translation>Padrões a deixar de fora</translation>
    </message>
    <message>
        <source>Leave out folders marked as &amp;caches (CACHEDIR.TAG)</source>
        <translation>Deixar de fora pastas marcadas como &amp;cache (CACHEDIR.TAG)</translation>
    </message>
    <message>
        <source>Leave out files &amp;larger than:</source>
        <translation>Deixar de fora arquivos &amp;maiores que:</translation>
    </message>
    <message>
        <source>Largest file size</source>
        <translation>Tamanho máximo de arquivo</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Leave &amp;out, one pattern a line (for example *.tmp, node_modules/ or /home/me/Videos):</source>
        <translation>&amp;Padrões a deixar de fora, um por linha (por exemplo *.tmp, node_modules/ ou /home/me/Videos):</translation>
    </message>
    <message>
        <source>Incremental: read only what changed since the last backup</source>
        <translation>Incremental: lê só o que mudou desde o último backup</translation>
    </message>
    <message>
        <source>Differential: read what changed since the last full backup</source>
        <translation>Diferencial: lê o que mudou desde o último backup completo</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dias</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>What each backup reads</source>
        <translation>O que cada backup lê</translation>
    </message>
    <message>
        <source>K&amp;ind of backup:</source>
        <translation>&amp;Tipo de backup:</translation>
    </message>
    <message>
        <source>&amp;Full backup (re-reads every file) every:</source>
        <translation>Backup com&amp;pleto (relê todos os arquivos) a cada:</translation>
    </message>
    <message>
        <source>Type the repository&apos;s password once, so Strata can keep it there:</source>
        <translation>Digite a senha do repositório uma vez, para que o Strata possa guardá-la lá:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Sen&amp;ha:</translation>
    </message>
    <message>
        <source>Line %1 is not a valid pattern: %2</source>
        <translation>A linha %1 não é um padrão válido: %2</translation>
    </message>
    <message>
        <source>Choose at least one kind of OTClient file.</source>
        <translation>Escolha pelo menos um tipo de arquivo do OTClient.</translation>
    </message>
    <message>
        <source>Choose where the password is kept.</source>
        <translation>Escolha onde a senha será guardada.</translation>
    </message>
    <message>
        <source>Type the repository&apos;s password, so Strata can keep it where you chose.</source>
        <translation>Digite a senha do repositório, para que o Strata possa guardá-la onde você escolheu.</translation>
    </message>
    <message>
        <source>This password does not open the repository. Check it and try again.</source>
        <translation>Esta senha não abre o repositório. Confira-a e tente de novo.</translation>
    </message>
    <message>
        <source>The password could not be kept: %1</source>
        <translation>Não foi possível guardar a senha: %1</translation>
    </message>
    <message>
        <source>The changes could not be saved: %1</source>
        <translation>Não foi possível salvar as alterações: %1</translation>
    </message>
    <message>
        <source>No preview: the repository cannot be opened without asking (%1).</source>
        <translation>Sem prévia: o repositório não pode ser aberto sem perguntar (%1).</translation>
    </message>
</context>
<context>
    <name>strata::SetListModel</name>
    <message>
        <source>manual only</source>
        <translation>somente manual</translation>
    </message>
    <message>
        <source>daily at %1</source>
        <translation>diariamente às %1</translation>
    </message>
    <message>
        <source>weekly on %1 at %2</source>
        <translation>semanalmente, %1 às %2</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>em %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>agora mesmo</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoje às %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>amanhã às %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>weekday and time</comment>
        <translation>%1 às %2</translation>
    </message>
    <message>
        <source>Never backed up</source>
        <translation>Nenhum backup feito</translation>
    </message>
    <message>
        <source>Backing up now…</source>
        <translation>Fazendo backup agora…</translation>
    </message>
    <message>
        <source>Last backup %1</source>
        <translation>Último backup %1</translation>
    </message>
    <message>
        <source>Last backup %1, some files skipped</source>
        <translation>Último backup %1, alguns arquivos ignorados</translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Falhou %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falhou: %1</translation>
    </message>
    <message>
        <source>Cancelled %1</source>
        <translation>Cancelado %1</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>agora</translation>
    </message>
    <message>
        <source>%1 · next %2</source>
        <translation>%1 · próximo: %2</translation>
    </message>
    <message>
        <source>No successful backup for %1 (scheduled %2)</source>
        <translation>Nenhum backup bem-sucedido há %1 (agendado: %2)</translation>
    </message>
    <message>
        <source>No successful backup yet (scheduled %1)</source>
        <translation>Nenhum backup bem-sucedido ainda (agendado: %1)</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Repository: %1</source>
        <translation>Repositório: %1</translation>
    </message>
    <message>
        <source>Schedule: %1</source>
        <translation>Agendamento: %1</translation>
    </message>
    <message>
        <source>Last run: %1</source>
        <translation>Última execução: %1</translation>
    </message>
    <message>
        <source>Last success: %1</source>
        <translation>Último sucesso: %1</translation>
    </message>
    <message>
        <source>Next run: %1</source>
        <translation>Próxima execução: %1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Próximo: %1</translation>
    </message>
</context>
<context>
    <name>strata::SetSidebar</name>
    <message>
        <source>Backup &amp;sets</source>
        <translation>Conjun&amp;tos de backup</translation>
    </message>
    <message>
        <source>Backup sets</source>
        <translation>Conjuntos de backup</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>&amp;Fazer backup agora</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <source>&amp;New Set…</source>
        <translation>&amp;Novo conjunto…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>Re&amp;mover…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>strata::SetupAssistant</name>
    <message>
        <source>Set Up Backups</source>
        <translation>Configurar backups</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Concluir</translation>
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
    <message>
        <source>Before restoring the version of %1</source>
        <translation>Antes de restaurar a versão de %1</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Antes de uma restauração</translation>
    </message>
</context>
<context>
    <name>strata::SourcesPage</name>
    <message>
        <source>What should be backed up?</source>
        <translation>Do que fazer backup?</translation>
    </message>
    <message>
        <source>Choose one to start with; you can add more backups later.</source>
        <translation>Escolha uma opção para começar; você pode adicionar mais backups depois.</translation>
    </message>
    <message>
        <source>Your &amp;home folder</source>
        <translation>Sua pasta &amp;pessoal</translation>
    </message>
    <message>
        <source>Your &amp;documents</source>
        <translation>Seus &amp;documentos</translation>
    </message>
    <message>
        <source>&amp;Choose folders…</source>
        <translation>&amp;Escolher pastas…</translation>
    </message>
    <message>
        <source>Everything in %1, except caches, the trash and other files that can be downloaded or rebuilt.</source>
        <translation>Tudo em %1, exceto caches, a lixeira e outros arquivos que podem ser baixados ou gerados de novo.</translation>
    </message>
    <message>
        <source>&amp;OTClient (the Open Tibia game client)</source>
        <translation>&amp;OTClient (o cliente do jogo Open Tibia)</translation>
    </message>
    <message>
        <source>OTClient folder</source>
        <translation>Pasta do OTClient</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2 (always left out)</source>
        <translation>%1: %2 (sempre deixado de fora)</translation>
    </message>
    <message>
        <source>Folders to back up</source>
        <translation>Pastas incluídas no backup</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>Adi&amp;cionar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>Re&amp;mover</translation>
    </message>
    <message>
        <source>Add a Folder</source>
        <translation>Adicionar uma pasta</translation>
    </message>
    <message>
        <source>My folders</source>
        <translation>Minhas pastas</translation>
    </message>
</context>
<context>
    <name>strata::StoragePage</name>
    <message>
        <source>Where should Strata keep the password?</source>
        <translation>Onde o Strata deve guardar a senha?</translation>
    </message>
    <message>
        <source>Scheduled backups need the password when you are not there to type it.</source>
        <translation>Os backups agendados precisam da senha quando você não está presente para digitá-la.</translation>
    </message>
</context>
<context>
    <name>strata::SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation>Pronto</translation>
    </message>
    <message>
        <source>Check the choices below, then press Finish.</source>
        <translation>Confira as escolhas abaixo e clique em Concluir.</translation>
    </message>
    <message>
        <source>Setting up the backup</source>
        <translation>Configurando o backup</translation>
    </message>
    <message>
        <source>Na&amp;me of this backup:</source>
        <translation>&amp;Nome deste backup:</translation>
    </message>
    <message>
        <source>Your backup sets were saved by a newer version of Strata, so this version cannot add one. Update Strata and try again.</source>
        <translation>Seus conjuntos de backup foram salvos por uma versão mais nova do Strata, então esta versão não pode adicionar outro. Atualize o Strata e tente de novo.</translation>
    </message>
    <message>
        <source>A backup named &quot;%1&quot; exists already. Choose another name.</source>
        <translation>Já existe um backup chamado &quot;%1&quot;. Escolha outro nome.</translation>
    </message>
    <message>
        <source>Creating the repository. This takes a moment…</source>
        <translation>Criando o repositório. Isso leva um momento…</translation>
    </message>
    <message>
        <source>Saving the backup settings…</source>
        <translation>Salvando as configurações do backup…</translation>
    </message>
    <message>
        <source>The repository could not be created: %1</source>
        <translation>Não foi possível criar o repositório: %1</translation>
    </message>
    <message>
        <source>The password file could not be written: %1</source>
        <translation>Não foi possível gravar o arquivo de senha: %1</translation>
    </message>
    <message>
        <source>Saving the password in the keychain…</source>
        <translation>Salvando a senha no chaveiro…</translation>
    </message>
    <message>
        <source>The keychain did not take the password. Go back and choose another place to keep it. (%1)</source>
        <translation>O chaveiro não aceitou a senha. Volte e escolha outro lugar para guardá-la. (%1)</translation>
    </message>
    <message>
        <source>The backup could not be saved: %1</source>
        <translation>Não foi possível salvar o backup: %1</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>O quê:</translation>
    </message>
    <message>
        <source>Existing repository:</source>
        <translation>Repositório existente:</translation>
    </message>
    <message>
        <source>New repository:</source>
        <translation>Novo repositório:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>Guardada no chaveiro do sistema</translation>
    </message>
    <message>
        <source>Kept nowhere: you type it for each backup</source>
        <translation>Não guardada: você a digita a cada backup</translation>
    </message>
    <message>
        <source>Password file:</source>
        <translation>Arquivo de senha:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Quando:</translation>
    </message>
    <message>
        <source>No backup runs on its own: start each one with “Back Up Now” in the main window.</source>
        <translation>Nenhum backup roda sozinho: inicie cada um com “Fazer Backup Agora” na janela principal.</translation>
    </message>
    <message>
        <source>The first backup starts as soon as you press Finish.</source>
        <translation>O primeiro backup começa assim que você clicar em Concluir.</translation>
    </message>
    <message>
        <source>The first backup runs today at %1.</source>
        <translation>O primeiro backup roda hoje às %1.</translation>
    </message>
    <message>
        <source>The first backup runs on %1 at %2.</source>
        <translation>O primeiro backup roda em %1 às %2.</translation>
    </message>
</context>
<context>
    <name>strata::TextDiffModel</name>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Depois</translation>
    </message>
</context>
<context>
    <name>strata::TimelineWidget</name>
    <message>
        <source>%1 %2</source>
        <comment>short weekday and day of month</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>month and year</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Dias</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>Meses</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>Anos</translation>
    </message>
    <message>
        <source>Timeline of versions</source>
        <translation>Linha do tempo das versões</translation>
    </message>
    <message>
        <source>Zoom out (-)</source>
        <translation>Diminuir o zoom (-)</translation>
    </message>
    <message>
        <source>Zoom level</source>
        <translation>Nível de zoom</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>Aumentar o zoom (+)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <source>Show all versions (0)</source>
        <translation>Mostrar todas as versões (0)</translation>
    </message>
    <message>
        <source>No versions</source>
        <translation>Nenhuma versão</translation>
    </message>
    <message>
        <source>Versions: %1, none selected</source>
        <translation>Versões: %1, nenhuma selecionada</translation>
    </message>
    <message>
        <source>%1 version of %2, %3 of %4</source>
        <translation>Versão %1 em %2, %3 de %4</translation>
    </message>
    <message>
        <source>Set: %1</source>
        <translation>Conjunto: %1</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>Máquina: %1</translation>
    </message>
    <message>
        <source>Files: %1</source>
        <translation>Arquivos: %1</translation>
    </message>
    <message>
        <source>Size added: %1</source>
        <translation>Tamanho adicionado: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>count and kind of version</comment>
        <translation>%2: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n versions</source>
        <comment>a cluster: always more than one</comment>
        <translation>
            <numerusform>%n versão</numerusform>
            <numerusform>%n versões</numerusform>
        </translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>De %1 a %2</translation>
    </message>
    <message>
        <source>Click to zoom in</source>
        <translation>Clique para ampliar</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>O backup falhou</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>e mais %n</numerusform>
            <numerusform>e mais %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No versions yet</source>
        <translation>Ainda não há versões</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Pinned: no clean-up removes it</source>
        <translation>Fixada: nenhuma limpeza a remove</translation>
    </message>
    <message>
        <source>The next clean-up removes it (%1)</source>
        <translation>A próxima limpeza a remove (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <translation>
            <numerusform>%n arquivo alterado</numerusform>
            <numerusform>%n arquivos alterados</numerusform>
        </translation>
    </message>
    <message>
        <source>also selected: the version of %1</source>
        <translation>também selecionada: a versão de %1</translation>
    </message>
    <message>
        <source>Versions at this point</source>
        <translation>Versões neste ponto</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <comment>a version in the menu of a cluster: its time, its kind</comment>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Click to choose one of them</source>
        <translation>Clique para escolher uma delas</translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <comment>in a month</comment>
        <translation>
            <numerusform>%n versão</numerusform>
            <numerusform>%n versões</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed by the next clean-up</source>
        <translation>
            <numerusform>%n removida na próxima limpeza</numerusform>
            <numerusform>%n removidas na próxima limpeza</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::TrayIcon</name>
    <message>
        <source>&amp;Open Strata</source>
        <translation>&amp;Abrir o Strata</translation>
    </message>
    <message>
        <source>No backup sets yet</source>
        <translation>Ainda não há conjuntos de backup</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Fazer backup agora</translation>
    </message>
    <message>
        <source>&amp;Back up &quot;%1&quot; now</source>
        <translation>&amp;Fazer backup de &quot;%1&quot; agora</translation>
    </message>
    <message>
        <source>Scheduled backups paused until %1</source>
        <translation>Backups agendados pausados até %1</translation>
    </message>
    <message>
        <source>Scheduled backups paused</source>
        <translation>Backups agendados pausados</translation>
    </message>
    <message>
        <source>&amp;Resume scheduled backups</source>
        <translation>&amp;Retomar backups agendados</translation>
    </message>
    <message>
        <source>&amp;Pause for 1 hour</source>
        <translation>&amp;Pausar por 1 hora</translation>
    </message>
    <message>
        <source>Pause until &amp;tomorrow</source>
        <translation>Pausar até a&amp;manhã</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Strata: idle</source>
        <translation>Strata: ocioso</translation>
    </message>
    <message>
        <source>Strata: backing up…</source>
        <translation>Strata: fazendo backup…</translation>
    </message>
    <message>
        <source>Strata: scheduled backups paused</source>
        <translation>Strata: backups agendados pausados</translation>
    </message>
    <message>
        <source>Strata: the last backup failed</source>
        <translation>Strata: o último backup falhou</translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; failed</source>
        <translation>O backup de &quot;%1&quot; falhou</translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; is incomplete</source>
        <translation>O backup de &quot;%1&quot; está incompleto</translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; done</source>
        <translation>Backup de &quot;%1&quot; concluído</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) backed up.</source>
        <translation>
            <numerusform>%n arquivo salvo no backup.</numerusform>
            <numerusform>%n arquivos salvos no backup.</numerusform>
        </translation>
    </message>
    <message>
        <source>Backups are overdue</source>
        <translation>Os backups estão atrasados</translation>
    </message>
    <message>
        <source>No backup has succeeded for longer than the schedule promises: %1</source>
        <translation>Nenhum backup foi bem-sucedido por mais tempo do que o agendamento prevê: %1</translation>
    </message>
</context>
<context>
    <name>strata::VersionBrowser</name>
    <message>
        <source>S&amp;earch:</source>
        <translation>&amp;Pesquisar:</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Pesquisar por nome</translation>
    </message>
    <message>
        <source>Part of a name, or a pattern like *.pdf</source>
        <translation>Parte de um nome, ou um padrão como *.pdf</translation>
    </message>
    <message>
        <source>&amp;Changed in this version</source>
        <translation>A&amp;lterados nesta versão</translation>
    </message>
    <message>
        <source>Show only what was added or modified since the previous version</source>
        <translation>Mostrar só o que foi adicionado ou modificado desde a versão anterior</translation>
    </message>
    <message>
        <source>Files in this version</source>
        <translation>Arquivos nesta versão</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados da pesquisa</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurar…</translation>
    </message>
    <message>
        <source>Restore the selected files and folders (all when none is selected)</source>
        <translation>Restaurar os arquivos e pastas selecionados (todos, quando nada estiver selecionado)</translation>
    </message>
    <message>
        <source>&amp;Open a Copy</source>
        <translation>Abr&amp;ir uma cópia</translation>
    </message>
    <message>
        <source>Open this version of the file in its application, without touching the file on disk</source>
        <translation>Abrir esta versão do arquivo no aplicativo dele, sem mexer no arquivo que está no disco</translation>
    </message>
    <message>
        <source>Show Hi&amp;story</source>
        <translation>Mostrar &amp;histórico</translation>
    </message>
    <message>
        <source>Show every version of the selected file</source>
        <translation>Mostrar todas as versões do arquivo selecionado</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Clear the Search</source>
        <translation>Limpar a pesquisa</translation>
    </message>
    <message>
        <source>&amp;Restore All…</source>
        <translation>&amp;Restaurar tudo…</translation>
    </message>
    <message>
        <source>No version selected.</source>
        <translation>Nenhuma versão selecionada.</translation>
    </message>
    <message numerus="yes">
        <source>Searching… %n match(es) so far</source>
        <translation>
            <numerusform>Pesquisando… %n resultado até agora</numerusform>
            <numerusform>Pesquisando… %n resultados até agora</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n matches; more are not shown. Type more of the name to narrow the search.</source>
        <translation>
            <numerusform>Mostrando só %n resultado; os demais não são mostrados. Digite mais do nome para refinar a pesquisa.</numerusform>
            <numerusform>Mostrando os primeiros %n resultados; os demais não são mostrados. Digite mais do nome para refinar a pesquisa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n resultado</numerusform>
            <numerusform>%n resultados</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the version…</source>
        <translation>Lendo a versão…</translation>
    </message>
    <message>
        <source>Version of %1</source>
        <translation>Versão de %1</translation>
    </message>
    <message>
        <source>Open a Copy</source>
        <translation>Abrir uma cópia</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder for the copy: %1</source>
        <translation>Não foi possível criar uma pasta temporária para a cópia: %1</translation>
    </message>
    <message>
        <source>Cannot restore a copy of %1: %2</source>
        <translation>Não foi possível restaurar uma cópia de %1: %2</translation>
    </message>
    <message>
        <source>the file was not written</source>
        <translation>o arquivo não foi gravado</translation>
    </message>
    <message>
        <source>Opened a copy of %1.</source>
        <translation>Uma cópia de %1 foi aberta.</translation>
    </message>
    <message>
        <source>No application could open %1. The copy is in %2.</source>
        <translation>Nenhum aplicativo conseguiu abrir %1. A cópia está em %2.</translation>
    </message>
    <message>
        <source>Restoring a copy of %1…</source>
        <translation>Restaurando uma cópia de %1…</translation>
    </message>
    <message>
        <source>Compare with &amp;Previous Version</source>
        <translation>Comparar com a versão &amp;anterior</translation>
    </message>
    <message>
        <source>Show what changed in the selected file since the set&apos;s version before</source>
        <translation>Mostrar o que mudou no arquivo selecionado desde a versão anterior do conjunto</translation>
    </message>
    <message>
        <source>Compare with File on &amp;Disk</source>
        <translation>Comparar com o arquivo no &amp;disco</translation>
    </message>
    <message>
        <source>Show how the file on disk now differs from this version of it</source>
        <translation>Mostrar como o arquivo no disco agora difere desta versão dele</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Restore the %n Found…</source>
        <translation>
            <numerusform>&amp;Restaurar o %n Encontrado…</numerusform>
            <numerusform>&amp;Restaurar os %n Encontrados…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::VersionSearchModel</name>
    <message>
        <source>Cannot search %1: %2</source>
        <translation>Não foi possível pesquisar em %1: %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
</context>
<context>
    <name>strata::VersionSummary</name>
    <message>
        <source>No version selected</source>
        <translation>Nenhuma versão selecionada</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Data e hora:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versão:</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>Conjunto:</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Máquina:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Arquivos:</translation>
    </message>
    <message>
        <source>Total size:</source>
        <translation>Tamanho total:</translation>
    </message>
    <message>
        <source>Size added:</source>
        <translation>Tamanho adicionado:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Duração:</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>Origens:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Marcadores:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Avisos:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>%1 (files that could not be read are listed in the log)</source>
        <translation>%1 (os arquivos que não puderam ser lidos estão listados no registro)</translation>
    </message>
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
        <source>less than a second</source>
        <translation>menos de um segundo</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln arquivo</numerusform>
            <numerusform>%Ln arquivos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 new</source>
        <comment>files</comment>
        <translation>%1 novos</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <comment>files</comment>
        <translation>%1 alterados</translation>
    </message>
    <message>
        <source>%1 unmodified</source>
        <comment>files</comment>
        <translation>%1 sem alteração</translation>
    </message>
    <message>
        <source>as they were before the restore</source>
        <translation>como estavam antes da restauração</translation>
    </message>
</context>
<context>
    <name>strata::VersionTreeModel</name>
    <message>
        <source>Unchanged</source>
        <translation>Inalterado</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Adicionado</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Não foi possível ler %1: %2</translation>
    </message>
    <message>
        <source>Cannot compare %1 with the other version: %2</source>
        <translation>Não foi possível comparar %1 com a outra versão: %2</translation>
    </message>
    <message>
        <source>Cannot read the folder %1: %2</source>
        <translation>Não foi possível ler a pasta %1: %2</translation>
    </message>
    <message>
        <source>Cannot compare the folder %1 with the other version: %2</source>
        <translation>Não foi possível comparar a pasta %1 com a outra versão: %2</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alteração</translation>
    </message>
</context>
<context>
    <name>strata::WelcomePage</name>
    <message>
        <source>Welcome to Strata</source>
        <translation>Bem-vindo ao Strata</translation>
    </message>
    <message>
        <source>Strata keeps copies of your files so that you can get back any earlier version of them, and a few questions are all it takes to start.</source>
        <translation>O Strata guarda cópias dos seus arquivos para que você possa recuperar qualquer versão anterior deles, e bastam algumas perguntas para começar.</translation>
    </message>
    <message>
        <source>It backs up the folders you choose, such as your home folder, into a repository on this computer or on an external disk, and keeps every version there, encrypted with your password.</source>
        <translation>Ele faz backup das pastas que você escolher, como a sua pasta pessoal, num repositório neste computador ou num disco externo, e guarda ali todas as versões, criptografadas com a sua senha.</translation>
    </message>
    <message>
        <source>It runs on a schedule in the background (every day, unless you choose otherwise), and a missed backup runs as soon as it can.</source>
        <translation>Ele roda em segundo plano conforme um agendamento (todos os dias, a menos que você escolha outro), e um backup perdido roda assim que possível.</translation>
    </message>
</context>
<context>
    <name>strata::presets</name>
    <message>
        <source>Home folder</source>
        <translation>Pasta pessoal</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>config.otml, keybinds and hotkeys, and the settings folder</source>
        <translation>config.otml, atalhos de teclado (keybinds e hotkeys) e a pasta de configurações</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>Personagens</translation>
    </message>
    <message>
        <source>Per-character data (characterdata)</source>
        <translation>Dados de cada personagem (characterdata)</translation>
    </message>
    <message>
        <source>Modules and mods</source>
        <translation>Módulos e mods</translation>
    </message>
    <message>
        <source>Add-ons you installed (modules and mods folders)</source>
        <translation>Complementos que você instalou (pastas modules e mods)</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>The client&apos;s log files</source>
        <translation>Os arquivos de log do cliente</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Downloaded files the client fetches again; never backed up</source>
        <translation>Arquivos baixados que o cliente busca de novo; nunca entram no backup</translation>
    </message>
    <message>
        <source>OTClient (Redemption)</source>
        <translation>OTClient (Redemption)</translation>
    </message>
    <message>
        <source>OTClient</source>
        <translation>OTClient</translation>
    </message>
    <message>
        <source>OTClient&apos;s config.otml may hold remembered account names and passwords. They are stored in your encrypted repository like any other file; anyone who can open the repository can read them. Turn off &quot;remember password&quot; in the client if that is not what you want.</source>
        <translation>O config.otml do OTClient pode conter nomes de conta e senhas memorizados. Eles são guardados no seu repositório criptografado como qualquer outro arquivo; quem conseguir abrir o repositório pode lê-los. Desative a opção &quot;remember password&quot; no cliente se não é isso que você quer.</translation>
    </message>
</context>
<context>
    <name>strata::wizard::ConflictsPage</name>
    <message>
        <source>Files that are already there</source>
        <translation>Arquivos que já existem</translation>
    </message>
    <message>
        <source>Choose what happens when a file to restore exists already. The table shows every file the restore will touch.</source>
        <translation>Escolha o que acontece quando um arquivo a restaurar já existe. A tabela mostra todos os arquivos que a restauração vai alterar.</translation>
    </message>
    <message>
        <source>Overwrite only &amp;changed files (recommended)</source>
        <translation>Sobrescrever apenas os arquivos a&amp;lterados (recomendado)</translation>
    </message>
    <message>
        <source>Files that differ from the version are replaced; identical files are left alone.</source>
        <translation>Os arquivos diferentes da versão são substituídos; os idênticos ficam como estão.</translation>
    </message>
    <message>
        <source>O&amp;verwrite</source>
        <translation>S&amp;obrescrever</translation>
    </message>
    <message>
        <source>Every existing file is replaced by the version&apos;s copy, even when it is identical.</source>
        <translation>Todo arquivo existente é substituído pela cópia da versão, mesmo quando é idêntico.</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Pular</translation>
    </message>
    <message>
        <source>Existing files are kept as they are; only missing files are restored.</source>
        <translation>Os arquivos existentes ficam como estão; só os arquivos que faltam são restaurados.</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Manter ambos</translation>
    </message>
    <message>
        <source>The existing file stays; the restored copy is written beside it as “name (restored)”.</source>
        <translation>O arquivo existente fica; a cópia restaurada é gravada ao lado dele como “nome (restored)”.</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>Mo&amp;strar:</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Todos os arquivos</translation>
    </message>
    <message>
        <source>Changes only</source>
        <translation>Só alterações</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Pesquisar por nome</translation>
    </message>
    <message>
        <source>Search the preview by name</source>
        <translation>Pesquisar na prévia por nome</translation>
    </message>
    <message>
        <source>Preview of the restore</source>
        <translation>Prévia da restauração</translation>
    </message>
    <message>
        <source>&amp;Take a safety version first</source>
        <translation>&amp;Fazer antes uma versão de segurança</translation>
    </message>
    <message>
        <source>Before anything is overwritten, the files about to be replaced are backed up as a safety version. If the restore fails they are put back at once; to undo it later, restore the safety version to its original place.</source>
        <translation>Antes que qualquer coisa seja sobrescrita, os arquivos que serão substituídos são salvos em uma versão de segurança. Se a restauração falhar, eles são devolvidos na hora; para desfazê-la depois, restaure a versão de segurança no local original.</translation>
    </message>
    <message>
        <source>The preview failed: %1</source>
        <translation>A prévia falhou: %1</translation>
    </message>
    <message numerus="yes">
        <source>Working out what the restore will do… %n file(s) so far.</source>
        <translation>
            <numerusform>Calculando o que a restauração vai fazer… %n arquivo até agora.</numerusform>
            <numerusform>Calculando o que a restauração vai fazer… %n arquivos até agora.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 to create, %2 to overwrite, %3 kept beside as renamed copies, %4 skipped, %5 unchanged; %6 to write.</source>
        <translation>%1 a criar, %2 a sobrescrever, %3 mantidos ao lado como cópias renomeadas, %4 pulados, %5 inalterados; %6 a gravar.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) will not be restored because their names could write outside the folder.</source>
        <translation>
            <numerusform>%n item não será restaurado porque o nome dele poderia gravar fora da pasta.</numerusform>
            <numerusform>%n itens não serão restaurados porque os nomes deles poderiam gravar fora da pasta.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::OtclientPage</name>
    <message>
        <source>OTClient</source>
        <translation>OTClient</translation>
    </message>
    <message>
        <source>OTClient keeps its settings in config.otml and rewrites it when it exits.</source>
        <translation>O OTClient guarda as configurações no config.otml e o regrava ao sair.</translation>
    </message>
    <message>
        <source>&amp;Check again</source>
        <translation>Verificar &amp;novamente</translation>
    </message>
    <message>
        <source>Looking for config.otml in what you restore…</source>
        <translation>Procurando o config.otml no que você vai restaurar…</translation>
    </message>
    <message>
        <source>This restore does not include config.otml: OTClient may keep running.</source>
        <translation>Esta restauração não inclui o config.otml: o OTClient pode continuar aberto.</translation>
    </message>
    <message>
        <source>OTClient is running. Close OTClient first: it rewrites config.otml when it exits and would undo the restore. Then click “Check again”.</source>
        <translation>O OTClient está aberto. Feche o OTClient primeiro: ele regrava o config.otml ao sair e desfaria a restauração. Depois clique em “Verificar novamente”.</translation>
    </message>
    <message>
        <source>OTClient is not running. Keep it closed until the restore has finished.</source>
        <translation>O OTClient não está aberto. Mantenha-o fechado até a restauração terminar.</translation>
    </message>
    <message>
        <source>The restore includes config.otml.</source>
        <translation>A restauração inclui o config.otml.</translation>
    </message>
    <message>
        <source>The copy written by this restore is not encrypted: keep it private.</source>
        <translation>A cópia gravada por esta restauração não é criptografada: mantenha-a em sigilo.</translation>
    </message>
</context>
<context>
    <name>strata::wizard::ProgressPage</name>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exportando</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Restaurando</translation>
    </message>
    <message>
        <source>Writing %1.</source>
        <translation>Gravando %1.</translation>
    </message>
    <message>
        <source>Restoring into %1.</source>
        <translation>Restaurando em %1.</translation>
    </message>
    <message>
        <source>Restoring to the original places.</source>
        <translation>Restaurando nos locais originais.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Cancelling… the partial archive is removed.</source>
        <translation>Cancelando… o arquivo compactado parcial é removido.</translation>
    </message>
    <message>
        <source>Cancelling… files already replaced are put back.</source>
        <translation>Cancelando… os arquivos já substituídos são devolvidos.</translation>
    </message>
    <message>
        <source>Working out what to export…</source>
        <translation>Calculando o que exportar…</translation>
    </message>
    <message>
        <source>Working out what to restore (and taking the safety version)…</source>
        <translation>Calculando o que restaurar (e fazendo a versão de segurança)…</translation>
    </message>
    <message>
        <source>Writing the archive…</source>
        <translation>Gravando o arquivo compactado…</translation>
    </message>
    <message>
        <source>Restoring files…</source>
        <translation>Restaurando arquivos…</translation>
    </message>
    <message>
        <source>The restore failed: putting the previous files back…</source>
        <translation>A restauração falhou: devolvendo os arquivos anteriores…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Finalizando…</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 de %2 arquivos</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 arquivos</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>falta cerca de %n segundo</numerusform>
            <numerusform>faltam cerca de %n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>falta cerca de %n minuto</numerusform>
            <numerusform>faltam cerca de %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>strata::wizard::ReportPage</name>
    <message>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <source>&amp;Undo this restore…</source>
        <translation>&amp;Desfazer esta restauração…</translation>
    </message>
    <message>
        <source>&amp;Warnings:</source>
        <translation>Av&amp;isos:</translation>
    </message>
    <message>
        <source>Files written: %1 (%2 created, %3 overwritten, %4 kept beside existing files as renamed copies), %5.</source>
        <translation>Arquivos gravados: %1 (%2 criados, %3 sobrescritos, %4 mantidos ao lado dos arquivos existentes como cópias renomeadas), %5.</translation>
    </message>
    <message>
        <source>Skipped: %1. Unchanged: %2. Failed: %3.</source>
        <translation>Pulados: %1. Inalterados: %2. Com falha: %3.</translation>
    </message>
    <message>
        <source>Refused because their names could write outside the folder: %1.</source>
        <translation>Recusados porque os nomes poderiam gravar fora da pasta: %1.</translation>
    </message>
    <message>
        <source>Archive: %1 (%2).
It holds %3 files, %4 folders and %5 links: %6 of file content.</source>
        <translation>Arquivo compactado: %1 (%2).
Ele contém %3 arquivos, %4 pastas e %5 links: %6 de conteúdo de arquivos.</translation>
    </message>
    <message>
        <source>The archive is ready.</source>
        <translation>O arquivo compactado está pronto.</translation>
    </message>
    <message>
        <source>The restore is done, but some files could not be restored.</source>
        <translation>A restauração terminou, mas alguns arquivos não puderam ser restaurados.</translation>
    </message>
    <message>
        <source>The restore is done.</source>
        <translation>A restauração terminou.</translation>
    </message>
    <message>
        <source>The export was cancelled. No archive was written.</source>
        <translation>A exportação foi cancelada. Nenhum arquivo compactado foi gravado.</translation>
    </message>
    <message>
        <source>The restore was cancelled.</source>
        <translation>A restauração foi cancelada.</translation>
    </message>
    <message>
        <source>The export failed: %1. No archive was written.</source>
        <translation>A exportação falhou: %1. Nenhum arquivo compactado foi gravado.</translation>
    </message>
    <message>
        <source>The restore failed: %1</source>
        <translation>A restauração falhou: %1</translation>
    </message>
    <message>
        <source>Everything was rolled back: the files it had replaced were put back and the files it had created were removed.</source>
        <translation>Tudo foi desfeito: os arquivos que ela havia substituído foram devolvidos e os que havia criado foram removidos.</translation>
    </message>
    <message>
        <source>Files restored before you cancelled stay where they are.</source>
        <translation>Os arquivos restaurados antes do cancelamento ficam onde estão.</translation>
    </message>
    <message>
        <source>Version %1 of %2.</source>
        <translation>Versão %1 de %2.</translation>
    </message>
    <message>
        <source>Safety version %1 holds the files this restore replaced. To undo this restore, restore that version to its original place: click “Undo this restore…”.</source>
        <translation>A versão de segurança %1 contém os arquivos que esta restauração substituiu. Para desfazer esta restauração, restaure essa versão no local original: clique em “Desfazer esta restauração…”.</translation>
    </message>
    <message>
        <source>Safety version %1 holds the files as they were before the restore.</source>
        <translation>A versão de segurança %1 contém os arquivos como estavam antes da restauração.</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>… e mais %1.</translation>
    </message>
    <message>
        <source>&amp;Damaged in the repository:</source>
        <translation>&amp;Danificados no repositório:</translation>
    </message>
    <message numerus="yes">
        <source>The restore is done, but %n file(s) are damaged in the repository and could not be restored whole. Every other file was restored.</source>
        <translation>
            <numerusform>A restauração terminou, mas %n arquivo está danificado no repositório e não pôde ser restaurado por inteiro. Todos os outros arquivos foram restaurados.</numerusform>
            <numerusform>A restauração terminou, mas %n arquivos estão danificados no repositório e não puderam ser restaurados por inteiro. Todos os outros arquivos foram restaurados.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: not restored; what was there is unchanged</source>
        <translation>%1: não restaurado; o que estava lá não foi alterado</translation>
    </message>
    <message>
        <source>%1: saved as %2, with zeros where %3 are lost</source>
        <translation>%1: salvo como %2, com zeros onde %3 se perderam</translation>
    </message>
    <message>
        <source>%1: a folder whose listing is damaged; nothing in it was restored or changed</source>
        <translation>%1: uma pasta cuja listagem está danificada; nada nela foi restaurado nem alterado</translation>
    </message>
</context>
<context>
    <name>strata::wizard::WhatPage</name>
    <message>
        <source>What to restore</source>
        <translation>O que restaurar</translation>
    </message>
    <message>
        <source>Choose the version, and whether to restore all of it or only the files you chose.</source>
        <translation>Escolha a versão e se quer restaurá-la inteira ou só os arquivos que você escolheu.</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>Ve&amp;rsão:</translation>
    </message>
    <message>
        <source>&amp;Everything in this version</source>
        <translation>&amp;Tudo nesta versão</translation>
    </message>
    <message>
        <source>&amp;Only the files and folders you chose:</source>
        <translation>&amp;Somente os arquivos e pastas que você escolheu:</translation>
    </message>
    <message>
        <source>Chosen files and folders</source>
        <translation>Arquivos e pastas escolhidos</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s), %1, from %2</source>
        <translation>
            <numerusform>%n arquivo, %1, de %2</numerusform>
            <numerusform>%n arquivos, %1, de %2</numerusform>
        </translation>
    </message>
    <message>
        <source>This repository has no versions to restore yet.</source>
        <translation>Este repositório ainda não tem versões para restaurar.</translation>
    </message>
</context>
<context>
    <name>strata::wizard::WherePage</name>
    <message>
        <source>Where to restore</source>
        <translation>Onde restaurar</translation>
    </message>
    <message>
        <source>Put the files back where they were, into another folder, or into one archive file.</source>
        <translation>Devolva os arquivos para onde estavam, para outra pasta ou para um único arquivo compactado.</translation>
    </message>
    <message>
        <source>Their &amp;original place</source>
        <translation>No &amp;lugar original</translation>
    </message>
    <message>
        <source>&amp;Another folder</source>
        <translation>Em &amp;outra pasta</translation>
    </message>
    <message>
        <source>An archive &amp;file (zip, tar, 7z)</source>
        <translation>Em um arquivo &amp;compactado (zip, tar, 7z)</translation>
    </message>
    <message>
        <source>Fol&amp;der:</source>
        <translation>Pas&amp;ta:</translation>
    </message>
    <message>
        <source>Full path of a folder; it is created if missing</source>
        <translation>Caminho completo de uma pasta; ela é criada se não existir</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>Zip (.zip): opens everywhere</source>
        <translation>Zip (.zip): abre em qualquer lugar</translation>
    </message>
    <message>
        <source>Tar, gzip (.tar.gz)</source>
        <translation>Tar, gzip (.tar.gz)</translation>
    </message>
    <message>
        <source>Tar, xz (.tar.xz): smaller, slower</source>
        <translation>Tar, xz (.tar.xz): menor, mais lento</translation>
    </message>
    <message>
        <source>Tar, zstd (.tar.zst): fast</source>
        <translation>Tar, zstd (.tar.zst): rápido</translation>
    </message>
    <message>
        <source>For&amp;mat:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>Arquivo compactado</translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation>Proc&amp;urar…</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>Ar&amp;quivo:</translation>
    </message>
    <message>
        <source>&amp;Replace the existing file</source>
        <translation>&amp;Substituir o arquivo existente</translation>
    </message>
    <message>
        <source>Back to %1. Files that are there now are handled on the next page.</source>
        <translation>De volta para %1. Os arquivos que estão lá agora são tratados na próxima página.</translation>
    </message>
    <message>
        <source>Restored %1</source>
        <translation>Restaurado %1</translation>
    </message>
    <message>
        <source>Restore into Folder</source>
        <translation>Restaurar em uma pasta</translation>
    </message>
    <message>
        <source>Export to Archive</source>
        <translation>Exportar para arquivo compactado</translation>
    </message>
    <message>
        <source>Archives (*.%1)</source>
        <translation>Arquivos compactados (*.%1)</translation>
    </message>
    <message>
        <source>Type or choose the folder to restore into.</source>
        <translation>Digite ou escolha a pasta onde restaurar.</translation>
    </message>
    <message>
        <source>Give the full path of the folder, starting with %1.</source>
        <translation>Informe o caminho completo da pasta, começando por %1.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder. Choose a folder.</source>
        <translation>%1 é um arquivo, não uma pasta. Escolha uma pasta.</translation>
    </message>
    <message>
        <source>%1 cannot be created: %2 is not a folder.</source>
        <translation>%1 não pode ser criada: %2 não é uma pasta.</translation>
    </message>
    <message>
        <source>You cannot write into %1. Choose another folder.</source>
        <translation>Você não pode gravar em %1. Escolha outra pasta.</translation>
    </message>
    <message>
        <source>%1 cannot be created: you cannot write into %2. Choose another folder.</source>
        <translation>%1 não pode ser criada: você não pode gravar em %2. Escolha outra pasta.</translation>
    </message>
    <message>
        <source>Type or choose the name of the archive file.</source>
        <translation>Digite ou escolha o nome do arquivo compactado.</translation>
    </message>
    <message>
        <source>Give the full path of the archive file, starting with %1.</source>
        <translation>Informe o caminho completo do arquivo compactado, começando por %1.</translation>
    </message>
    <message>
        <source>%1 is a folder. Give the name of a file.</source>
        <translation>%1 é uma pasta. Informe o nome de um arquivo.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>A pasta %1 não existe.</translation>
    </message>
    <message>
        <source>You cannot write into %1. Choose another place.</source>
        <translation>Você não pode gravar em %1. Escolha outro local.</translation>
    </message>
    <message>
        <source>%1 exists already. Tick “Replace the existing file” to overwrite it, or choose another name.</source>
        <translation>%1 já existe. Marque “Substituir o arquivo existente” para sobrescrevê-lo ou escolha outro nome.</translation>
    </message>
    <message>
        <source>%1 will be restored as %2.</source>
        <translation>%1 será restaurado como %2.</translation>
    </message>
    <message>
        <source>7-Zip (.7z)</source>
        <translation>7-Zip (.7z)</translation>
    </message>
</context>
</TS>
