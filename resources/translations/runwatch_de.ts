<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiError</name>
    <message>
        <source> Request id: %1.</source>
        <translation> Anfrage-ID: %1.</translation>
    </message>
</context>
<context>
    <name>ApiTransport</name>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>%1 sent an answer larger than %2 MB; it was not read.</source>
        <translation>%1 hat eine Antwort über %2 MB gesendet; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>%1 did not finish answering within %2 seconds.</source>
        <translation>%1 hat die Antwort nicht innerhalb von %2 Sekunden abgeschlossen.</translation>
    </message>
    <message>
        <source>%1 sent no HTTP answer.</source>
        <translation>%1 hat keine HTTP-Antwort gesendet.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 seconds.</source>
        <translation>%1 hat nicht innerhalb von %2 Sekunden geantwortet.</translation>
    </message>
    <message>
        <source>Could not connect to %1: the connection was refused. Is the server running?</source>
        <translation>Keine Verbindung zu %1 möglich: Die Verbindung wurde abgelehnt. Läuft der Server?</translation>
    </message>
    <message>
        <source>The server %1 could not be found. Check the address.</source>
        <translation>Der Server %1 wurde nicht gefunden. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>%1 closed the connection before it finished answering.</source>
        <translation>%1 hat die Verbindung geschlossen, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>%1 redirected the request to another server; Runwatch did not follow it, to keep the %2 safe.</source>
        <translation>%1 hat die Anfrage an einen anderen Server umgeleitet; Runwatch ist der Umleitung nicht gefolgt, damit Ihr %2 geschützt bleibt.</translation>
    </message>
    <message>
        <source>Could not reach %1: %2.</source>
        <translation>%1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>%1 refused the %2 (HTTP %3%4). Check it in the connection settings.</source>
        <translation>Ihr %2 wurde von %1 abgelehnt (HTTP %3%4). Prüfen Sie die Verbindungseinstellungen.</translation>
    </message>
    <message>
        <source>Not found on %1 (HTTP 404%2).</source>
        <translation>Auf %1 nicht gefunden (HTTP 404%2).</translation>
    </message>
    <message>
        <source>The server rejected the request: %1.</source>
        <translation>Der Server hat die Anfrage abgelehnt: %1.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 is rate limiting requests; try again in %2 s.</source>
        <translation>%1 begrenzt die Anzahl der Anfragen; versuchen Sie es in %2 s erneut.</translation>
    </message>
    <message>
        <source>%1 is rate limiting requests; try again shortly.</source>
        <translation>%1 begrenzt die Anzahl der Anfragen; versuchen Sie es gleich erneut.</translation>
    </message>
    <message>
        <source>%1 had an internal error (HTTP %2%3).</source>
        <translation>Interner Fehler auf %1 (HTTP %2%3).</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2%3.</source>
        <translation>%1 hat mit HTTP %2%3 geantwortet.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Reading the saved keys…</source>
        <translation>Gespeicherte Schlüssel werden gelesen …</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Demo-Server wird gestartet …</translation>
    </message>
    <message>
        <source>The demo server did not start: %1</source>
        <translation>Der Demo-Server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Demo Skyvern</source>
        <translation>Demo-Skyvern</translation>
    </message>
    <message>
        <source>Demo workflow platform</source>
        <translation>Demo-Workflow-Plattform</translation>
    </message>
    <message>
        <source>Invoice sync</source>
        <translation>Rechnungsabgleich</translation>
    </message>
    <message>
        <source>Price scan</source>
        <translation>Preisscan</translation>
    </message>
    <message>
        <source>Lead router</source>
        <translation>Lead-Router</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>Alle Verbindungen</translation>
    </message>
    <message>
        <source>Not shown, no key this session: %1. Pick the connection to enter it.</source>
        <translation>Nicht angezeigt, da in dieser Sitzung kein Schlüssel vorliegt: %1. Wählen Sie die Verbindung aus, um ihn einzugeben.</translation>
    </message>
    <message>
        <source>Enter the %1 for %2.</source>
        <translation>Für %2 wird Ihr %1 benötigt.</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <source>Remove the connection %1 and its saved %2?</source>
        <translation>Die Verbindung %1 samt gespeichertem %2 entfernen?</translation>
    </message>
    <message>
        <source>No connections. Add one with Connections → New.</source>
        <translation>Keine Verbindungen. Fügen Sie über Verbindungen → Neue Verbindung … eine hinzu.</translation>
    </message>
    <message>
        <source>Could not open the link “%1”: %2</source>
        <translation>Der Link „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The link to run %1 is for a connection this Runwatch does not have (%2); nothing was opened.</source>
        <translation>Der Link zur Ausführung %1 gehört zu einer Verbindung, die dieses Runwatch nicht hat (%2); nichts wurde geöffnet.</translation>
    </message>
    <message>
        <source>Keep Runwatch running?</source>
        <translation>Runwatch weiterlaufen lassen?</translation>
    </message>
    <message>
        <source>Keep Runwatch in the tray when its window is closed? It goes on watching your runs and tells you when they end; quit it from the tray&apos;s menu.</source>
        <translation>Runwatch im Infobereich behalten, wenn sein Fenster geschlossen wird? Es beobachtet Ihre Ausführungen weiter und sagt Ihnen, wenn sie enden; beenden Sie es über das Menü im Infobereich.</translation>
    </message>
    <message>
        <source>Keep in the tray</source>
        <translation>Im Infobereich behalten</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>No longer watching %1: %2</source>
        <translation>%1 wird nicht mehr beobachtet: %2</translation>
    </message>
    <message>
        <source>Watching “%1”: you are told when it ends.</source>
        <translation>„%1“ wird beobachtet: Sie werden benachrichtigt, wenn sie endet.</translation>
    </message>
</context>
<context>
    <name>ArtifactContent</name>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
</context>
<context>
    <name>ArtifactFetcher</name>
    <message>
        <source>The artifact is %1, more than the %2 Runwatch reads.</source>
        <translation>Das Artefakt ist %1 groß; Runwatch liest höchstens %2.</translation>
    </message>
    <message>
        <source>The file %1 is not on this machine.</source>
        <translation>Die Datei %1 ist auf diesem Rechner nicht vorhanden.</translation>
    </message>
    <message>
        <source>The file %1 could not be read.</source>
        <translation>Die Datei %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Runwatch does not open %1 links.</source>
        <translation>Runwatch öffnet keine %1-Links.</translation>
    </message>
    <message>
        <source>The artifact link answered HTTP %1 (it may have expired).</source>
        <translation>Der Artefakt-Link hat mit HTTP %1 geantwortet (möglicherweise ist er abgelaufen).</translation>
    </message>
    <message>
        <source>The artifact could not be fetched: %1.</source>
        <translation>Das Artefakt konnte nicht abgerufen werden: %1.</translation>
    </message>
</context>
<context>
    <name>BulkBar</name>
    <message>
        <source>Cancel runs…</source>
        <translation>Ausführungen abbrechen…</translation>
    </message>
    <message>
        <source>Retry…</source>
        <translation>Wiederholen…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Copy IDs</source>
        <translation>IDs kopieren</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Auswahl aufheben</translation>
    </message>
    <message>
        <source>Select no runs (Escape in the list)</source>
        <translation>Keine Ausführung auswählen (Escape in der Liste)</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) selected</source>
        <translation>
            <numerusform>%n Ausführung ausgewählt</numerusform>
            <numerusform>%n Ausführungen ausgewählt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)…</source>
        <translation>
            <numerusform>%n Ausführung abbrechen…</numerusform>
            <numerusform>%n Ausführungen abbrechen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel the selected runs that are queued or running</source>
        <translation>Die ausgewählten wartenden oder laufenden Ausführungen abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n run(s)…</source>
        <translation>
            <numerusform>%n Ausführung wiederholen…</numerusform>
            <numerusform>%n Ausführungen wiederholen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Start the selected runs that have ended again, each with its parameters</source>
        <translation>Die ausgewählten beendeten Ausführungen erneut starten, jede mit ihren Parametern</translation>
    </message>
    <message>
        <source>None of the selected runs is queued or running</source>
        <translation>Keine der ausgewählten Ausführungen wartet oder läuft</translation>
    </message>
    <message>
        <source>None of the selected runs has ended, or their connection cannot retry them</source>
        <translation>Keine der ausgewählten Ausführungen ist beendet, oder ihre Verbindung kann sie nicht wiederholen</translation>
    </message>
    <message>
        <source>Add tags to the selected workflow runs or take them off</source>
        <translation>Tags der ausgewählten Workflow-Ausführungen hinzufügen oder entfernen</translation>
    </message>
    <message>
        <source>Only workflow runs of a connection with tags carry tags</source>
        <translation>Nur Workflow-Ausführungen einer Verbindung mit Tags haben Tags</translation>
    </message>
    <message>
        <source>Open the two runs side by side</source>
        <translation>Die beiden Ausführungen nebeneinander öffnen</translation>
    </message>
    <message>
        <source>Select exactly two runs to compare them</source>
        <translation>Wählen Sie genau zwei Ausführungen aus, um sie zu vergleichen</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>Tags…</translation>
    </message>
</context>
<context>
    <name>BulkJob</name>
    <message>
        <source>The connection is closed.</source>
        <translation>Die Verbindung ist geschlossen.</translation>
    </message>
    <message>
        <source>%1 does not offer retrying runs.</source>
        <translation>%1 bietet kein Wiederholen von Ausführungen an.</translation>
    </message>
    <message>
        <source>Still running: only ended runs are retried.</source>
        <translation>Läuft noch: nur beendete Ausführungen werden wiederholt.</translation>
    </message>
    <message>
        <source>Stopped before it was sent.</source>
        <translation>Gestoppt, bevor sie gesendet wurde.</translation>
    </message>
    <message>
        <source>Not cancellable: it had already %1.</source>
        <translation>Nicht abbrechbar: Status bereits „%1“.</translation>
    </message>
    <message>
        <source>%1 does not offer cancelling runs.</source>
        <translation>%1 bietet kein Abbrechen von Ausführungen an.</translation>
    </message>
    <message>
        <source>Not cancelled: %1</source>
        <translation>Nicht abgebrochen: %1</translation>
    </message>
    <message>
        <source>Not cancellable: the server says it has ended or does not know it.</source>
        <translation>Nicht abbrechbar: Laut Server ist sie beendet oder unbekannt.</translation>
    </message>
    <message>
        <source>Not known: the server&apos;s answer did not mention this run.</source>
        <translation>Unbekannt: Die Antwort des Servers nannte diese Ausführung nicht.</translation>
    </message>
    <message>
        <source>Not confirmed: the answer was lost and the run could not be looked at (%1).</source>
        <translation>Nicht bestätigt: Die Antwort ging verloren, und die Ausführung konnte nicht abgefragt werden (%1).</translation>
    </message>
    <message>
        <source>Not cancelled: the server kept failing.</source>
        <translation>Nicht abgebrochen: Der Server schlug wiederholt fehl.</translation>
    </message>
    <message>
        <source>Retried as %1.</source>
        <translation>Wiederholt als %1.</translation>
    </message>
    <message>
        <source>Not retried: %1</source>
        <translation>Nicht wiederholt: %1</translation>
    </message>
    <message>
        <source>Not known: the answer to the retry was lost (%1), and the server could not be asked whether it started a run (%2). Look for a run retried from %3 before retrying it again.</source>
        <translation>Unbekannt: Die Antwort auf die Wiederholung ging verloren (%1), und der Server konnte nicht gefragt werden, ob er eine Ausführung gestartet hat (%2). Suchen Sie nach einer Wiederholung von %3, bevor Sie erneut wiederholen.</translation>
    </message>
    <message>
        <source>Retried as %1 (its answer was lost; the new run was found).</source>
        <translation>Wiederholt als %1 (die Antwort ging verloren; die neue Ausführung wurde gefunden).</translation>
    </message>
    <message>
        <source>Stopped after an answer was lost; nothing was started.</source>
        <translation>Gestoppt, nachdem eine Antwort verloren ging; nichts wurde gestartet.</translation>
    </message>
    <message>
        <source>Not retried: %1 Nothing was started.</source>
        <translation>Nicht wiederholt: %1 Nichts wurde gestartet.</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung abbrechen</numerusform>
            <numerusform>%n Ausführungen abbrechen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retry %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung wiederholen</numerusform>
            <numerusform>%n Ausführungen wiederholen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retried</source>
        <translation>
            <numerusform>%n wiederholt</numerusform>
            <numerusform>%n wiederholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not cancellable</source>
        <translation>
            <numerusform>%n nicht abbrechbar</numerusform>
            <numerusform>%n nicht abbrechbar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finishing</source>
        <translation>
            <numerusform>%n wird abgeschlossen</numerusform>
            <numerusform>%n werden abgeschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to go</source>
        <translation>
            <numerusform>%n ausstehend</numerusform>
            <numerusform>%n ausstehend</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Waiting.</source>
        <translation>Wartet.</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <source>%n canceled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not offer tags on runs.</source>
        <translation>%1 bietet keine Tags für Ausführungen an.</translation>
    </message>
    <message>
        <source>Not a workflow run: only workflow runs carry tags.</source>
        <translation>Keine Workflow-Ausführung: Nur Workflow-Ausführungen haben Tags.</translation>
    </message>
    <message>
        <source>Already tagged so.</source>
        <translation>Hat diese Tags bereits.</translation>
    </message>
    <message>
        <source>Not tagged: its tags could not be read first (%1).</source>
        <translation>Nicht getaggt: Ihre Tags konnten vorher nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>the server did not list the run</source>
        <translation>der Server hat die Ausführung nicht aufgeführt</translation>
    </message>
    <message>
        <source>Tagged: %1</source>
        <translation>Getaggt: %1</translation>
    </message>
    <message>
        <source>Not tagged: %1</source>
        <translation>Nicht getaggt: %1</translation>
    </message>
    <message>
        <source>Stopped after an answer was lost; the tags may or may not be set.</source>
        <translation>Gestoppt, nachdem eine Antwort verloren ging; die Tags sind möglicherweise gesetzt.</translation>
    </message>
    <message numerus="yes">
        <source>Tag %n run(s): %1</source>
        <translation>
            <numerusform>%n Ausführung taggen: %1</numerusform>
            <numerusform>%n Ausführungen taggen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tagged</source>
        <translation>
            <numerusform>%n getaggt</numerusform>
            <numerusform>%n getaggt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkJobModel</name>
    <message>
        <source>%1 of %2 · %3</source>
        <translation>%1 von %2 · %3</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <source>Job / run</source>
        <translation>Auftrag / Ausführung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message numerus="yes">
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n Aktion</numerusform>
            <numerusform>%n Aktionen</numerusform>
        </translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>Error codes</source>
        <translation>Fehlercodes</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>Parameter %1</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source>Could not load</source>
        <translation>Nicht geladen</translation>
    </message>
    <message>
        <source>Loading the timelines…</source>
        <translation>Zeitleisten werden geladen …</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>(no such step)</source>
        <translation>(kein solcher Schritt)</translation>
    </message>
    <message>
        <source>No screenshot</source>
        <translation>Kein Bildschirmfoto</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Compare two runs of %1</source>
        <translation>Zwei Ausführungen von %1 vergleichen</translation>
    </message>
    <message>
        <source>Compare a run of %1 and a run of %2</source>
        <translation>Eine Ausführung von %1 mit einer von %2 vergleichen</translation>
    </message>
    <message>
        <source>These runs are of different workflows (%1 and %2): their parameters and steps are not expected to match.</source>
        <translation>Diese Ausführungen gehören zu verschiedenen Workflows (%1 und %2): Ihre Parameter und Schritte müssen nicht übereinstimmen.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>(not run)</source>
        <translation>(nicht ausgeführt)</translation>
    </message>
    <message>
        <source>They part ways at step %1:
%2: %3
%4: %5</source>
        <translation>Sie gehen ab Schritt %1 auseinander:
%2: %3
%4: %5</translation>
    </message>
    <message numerus="yes">
        <source>The runs took the same %n action(s); below, where each ended.</source>
        <translation>
            <numerusform>Die Ausführungen nahmen dieselbe %n Aktion; unten, wo jede endete.</numerusform>
            <numerusform>Die Ausführungen nahmen dieselben %n Aktionen; unten, wo jede endete.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — its last step: %2</source>
        <translation>%1 — ihr letzter Schritt: %2</translation>
    </message>
    <message>
        <source>%1 — step %2: %3</source>
        <translation>%1 — Schritt %2: %3</translation>
    </message>
    <message>
        <source>No screenshots on this run&apos;s connection</source>
        <translation>Keine Bildschirmfotos auf der Verbindung dieser Ausführung</translation>
    </message>
    <message>
        <source>%1&apos;s connection keeps no step-by-step timeline: the runs are compared by the fields above.</source>
        <translation>Die Verbindung von %1 führt keine schrittweise Zeitleiste: Die Ausführungen werden anhand der Felder oben verglichen.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Skyvern &amp;Cloud (api.skyvern.com)</source>
        <translation>Skyvern &amp;Cloud (api.skyvern.com)</translation>
    </message>
    <message>
        <source>&amp;Self-hosted server:</source>
        <translation>Selbst &amp;gehosteter Server:</translation>
    </message>
    <message>
        <source>Allow plain &amp;http to this host (the key is sent unencrypted)</source>
        <translation>Unverschlüsseltes &amp;http zu diesem Host erlauben (der Schlüssel wird im Klartext gesendet)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;prüfen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Skyvern (Cloud or self-hosted)</source>
        <translation>Skyvern (Cloud oder selbst gehostet)</translation>
    </message>
    <message>
        <source>Workflow platform (limit/offset runs API)</source>
        <translation>Workflow-Plattform (Ausführungs-API mit limit/offset)</translation>
    </message>
    <message>
        <source>Workflow ids to watch, separated by commas: wf_price_scan = Price scan, wf_b</source>
        <translation>Zu beobachtende Workflow-IDs, durch Kommas getrennt: wf_price_scan = Preisscan, wf_b</translation>
    </message>
    <message>
        <source>The platform lists no workflows: name the ones to watch by id, each optionally followed by &quot;= name to show&quot;.</source>
        <translation>Die Plattform listet keine Workflows auf: Geben Sie die zu beobachtenden per ID an, jeweils optional gefolgt von „= anzuzeigender Name“.</translation>
    </message>
    <message>
        <source>Optional, e.g. Production</source>
        <translation>Optional, z. B. Produktion</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>https://skyvern.example.com</source>
        <translation>https://skyvern.example.com</translation>
    </message>
    <message>
        <source>Settings → API keys in the Skyvern app</source>
        <translation>In der Skyvern-App unter Settings → API keys</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show or hide the key</source>
        <translation>Schlüssel anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>The key is kept in the system keychain, never in a settings file.</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems gespeichert, nie in einer Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;Workflows:</source>
        <translation>&amp;Workflows:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Bearer token of the platform&apos;s API</source>
        <translation>Bearer-Token der Plattform-API</translation>
    </message>
    <message>
        <source>Enter the %1.</source>
        <translation>Bitte %1 eingeben.</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird abgefragt …</translation>
    </message>
    <message>
        <source>Connected. The server has no runs yet.</source>
        <translation>Verbunden. Auf dem Server gibt es noch keine Ausführungen.</translation>
    </message>
    <message>
        <source>Connected. The newest run is %1.</source>
        <translation>Verbunden. Die neueste Ausführung ist %1.</translation>
    </message>
</context>
<context>
    <name>ConnectionProfile</name>
    <message>
        <source>Name at least one workflow id: this platform lists runs one workflow at a time.</source>
        <translation>Geben Sie mindestens eine Workflow-ID an: Diese Plattform listet Ausführungen immer nur für einen Workflow auf.</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>No keychain service is running on this computer, so keys are kept for this session only and asked for again when Runwatch next starts. They are never written to disk.</source>
        <translation>Auf diesem Computer läuft kein Schlüsselbunddienst. Schlüssel werden daher nur für diese Sitzung aufbewahrt und beim nächsten Start von Runwatch erneut abgefragt. Sie werden nie auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused, so the API key could not be read.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert, daher konnte der API-Schlüssel nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The keychain refused to store the API key (%1); it is kept for this session only.</source>
        <translation>Der Schlüsselbund hat das Speichern des API-Schlüssels abgelehnt (%1); er wird nur für diese Sitzung aufbewahrt.</translation>
    </message>
    <message>
        <source>The keychain did not remove the API key (%1).</source>
        <translation>Der Schlüsselbund hat den API-Schlüssel nicht entfernt (%1).</translation>
    </message>
</context>
<context>
    <name>DownloadedFilesList</name>
    <message>
        <source>Double-click to save a copy</source>
        <translation>Doppelklicken, um eine Kopie zu speichern</translation>
    </message>
    <message>
        <source>%1
SHA-256 %2</source>
        <translation>%1
SHA-256 %2</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Save downloaded file</source>
        <translation>Heruntergeladene Datei speichern</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>EvidenceBundle</name>
    <message>
        <source>The zip could not be started: %1.</source>
        <translation>Das Zip-Archiv konnte nicht angelegt werden: %1.</translation>
    </message>
    <message>
        <source>%1 could not be added: %2.</source>
        <translation>%1 konnte nicht hinzugefügt werden: %2.</translation>
    </message>
    <message>
        <source>The zip could not be written: %1.</source>
        <translation>Das Zip-Archiv konnte nicht geschrieben werden: %1.</translation>
    </message>
    <message>
        <source>The zip came out empty.</source>
        <translation>Das Zip-Archiv ist leer geblieben.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2.</source>
        <translation>%1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Zips cannot be written: %1.</source>
        <translation>Zip-Dateien können nicht geschrieben werden: %1.</translation>
    </message>
</context>
<context>
    <name>EvidenceBundleJob</name>
    <message>
        <source>The connection is closed.</source>
        <translation>Die Verbindung ist geschlossen.</translation>
    </message>
    <message>
        <source>Canceled; nothing was saved.</source>
        <translation>Abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The run could not be read: %1</source>
        <translation>Die Ausführung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The timeline: %1</source>
        <translation>Die Zeitleiste: %1</translation>
    </message>
    <message>
        <source>The screenshots, recording and logs: %1</source>
        <translation>Die Bildschirmfotos, die Aufzeichnung und die Protokolle: %1</translation>
    </message>
    <message>
        <source>there is no link to fetch it from</source>
        <translation>es gibt keinen Link, über den es abgerufen werden kann</translation>
    </message>
</context>
<context>
    <name>FailureGroupModel</name>
    <message>
        <source>No runs loaded</source>
        <translation>Keine Ausführungen geladen</translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s) in all %1 runs</source>
        <translation>
            <numerusform>%n Fehlschlag in allen %1 Ausführungen</numerusform>
            <numerusform>%n Fehlschläge in allen %1 Ausführungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failure(s) in the %1 newest runs loaded</source>
        <translation>
            <numerusform>%n Fehlschlag in den %1 neuesten geladenen Ausführungen</numerusform>
            <numerusform>%n Fehlschläge in den %1 neuesten geladenen Ausführungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(error codes known for %n)</source>
        <translation>
            <numerusform>(Fehlercodes bekannt für %n)</numerusform>
            <numerusform>(Fehlercodes bekannt für %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No error code</source>
        <translation>Kein Fehlercode</translation>
    </message>
    <message>
        <source>No failure reason</source>
        <translation>Kein Fehlergrund</translation>
    </message>
    <message>
        <source>Unnamed workflow</source>
        <translation>Unbenannter Workflow</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed runs whose error codes are not known yet, or that have none</source>
        <translation>Fehlgeschlagene Ausführungen, deren Fehlercodes noch unbekannt sind oder die keine haben</translation>
    </message>
    <message>
        <source>Failed runs with neither a failure category nor a reason</source>
        <translation>Fehlgeschlagene Ausführungen ohne Fehlerkategorie und ohne Grund</translation>
    </message>
    <message numerus="yes">
        <source>%n failed run(s)</source>
        <translation>
            <numerusform>%n fehlgeschlagene Ausführung</numerusform>
            <numerusform>%n fehlgeschlagene Ausführungen</numerusform>
        </translation>
    </message>
    <message>
        <source>First seen %1, last seen %2</source>
        <translation>Zuerst gesehen %1, zuletzt gesehen %2</translation>
    </message>
    <message>
        <source>Workflows: %1</source>
        <translation>Workflows: %1</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
</context>
<context>
    <name>FailureGroupsView</name>
    <message>
        <source>Show all runs</source>
        <translation>Alle Ausführungen zeigen</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Stop loading</source>
        <translation>Laden stoppen</translation>
    </message>
    <message>
        <source>Failure groups</source>
        <translation>Fehlergruppen</translation>
    </message>
    <message>
        <source>The list shows every loaded run again (Escape here)</source>
        <translation>Die Liste zeigt wieder alle geladenen Ausführungen (hier Escape)</translation>
    </message>
    <message>
        <source>Load older runs until the list covers the last 24 hours</source>
        <translation>Ältere Ausführungen laden, bis die Liste die letzten 24 Stunden abdeckt</translation>
    </message>
    <message>
        <source>Load older runs until the list covers the last 7 days</source>
        <translation>Ältere Ausführungen laden, bis die Liste die letzten 7 Tage abdeckt</translation>
    </message>
    <message>
        <source>Load:</source>
        <translation>Laden:</translation>
    </message>
    <message>
        <source>The chosen group has no runs left.</source>
        <translation>Die gewählte Gruppe hat keine Ausführungen mehr.</translation>
    </message>
    <message>
        <source>%1 › %2</source>
        <translation>%1 › %2</translation>
    </message>
    <message numerus="yes">
        <source>The list shows the %n run(s) of “%1”.</source>
        <translation>
            <numerusform>Die Liste zeigt die %n Ausführung von „%1“.</numerusform>
            <numerusform>Die Liste zeigt die %n Ausführungen von „%1“.</numerusform>
        </translation>
    </message>
    <message>
        <source>No failures among the loaded runs.</source>
        <translation>Keine Fehlschläge unter den geladenen Ausführungen.</translation>
    </message>
</context>
<context>
    <name>HistoryBackfillJob</name>
    <message>
        <source>There is no connection to read runs from.</source>
        <translation>Es gibt keine Verbindung, von der Ausführungen gelesen werden könnten.</translation>
    </message>
    <message numerus="yes">
        <source>%1 Asking again in %n s.</source>
        <translation>
            <numerusform>%1 Neue Anfrage in %n s.</numerusform>
            <numerusform>%1 Neue Anfrage in %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading older runs stopped at page %1: %2 The %n run(s) read so far are kept.</source>
        <translation>
            <numerusform>Das Lesen älterer Ausführungen hielt bei Seite %1 an: %2 Die bisher gelesene %n Ausführung bleibt erhalten.</numerusform>
            <numerusform>Das Lesen älterer Ausführungen hielt bei Seite %1 an: %2 Die bisher gelesenen %n Ausführungen bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped after %L1 runs, back to %2; History draws at most that many.</source>
        <translation>Nach %L1 Ausführungen angehalten, zurück bis %2; der Verlauf zeigt höchstens so viele.</translation>
    </message>
    <message>
        <source>Reading older runs stopped: %1</source>
        <translation>Das Lesen älterer Ausführungen hielt an: %1</translation>
    </message>
</context>
<context>
    <name>HistoryChart</name>
    <message>
        <source>Runs by status over time</source>
        <translation>Ausführungen nach Status im Zeitverlauf</translation>
    </message>
    <message>
        <source>Compute units over time</source>
        <translation>Compute-Einheiten im Zeitverlauf</translation>
    </message>
    <message>
        <source>%1, %2–%3</source>
        <translation>%1, %2–%3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 compute units over %n run(s)</source>
        <translation>
            <numerusform>%1: %2 Compute-Einheiten für %n Ausführung</numerusform>
            <numerusform>%1: %2 Compute-Einheiten für %n Ausführungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: no runs</source>
        <translation>%1: keine Ausführungen</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %n run(s) %3. Enter shows them in the list.</source>
        <translation>
            <numerusform>%1: %2 von %n Ausführung %3. Eingabe zeigt sie in der Liste.</numerusform>
            <numerusform>%1: %2 von %n Ausführungen %3. Eingabe zeigt sie in der Liste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n run(s) (%2)</source>
        <translation>
            <numerusform>%1: %n Ausführung (%2)</numerusform>
            <numerusform>%1: %n Ausführungen (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Compute units</source>
        <translation>Compute-Einheiten</translation>
    </message>
    <message>
        <source>No runs in this range</source>
        <translation>Keine Ausführungen in diesem Zeitraum</translation>
    </message>
    <message>
        <source>%1% of finished runs ended failing</source>
        <translation>%1 % der beendeten Ausführungen endeten fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failure rate (failed, terminated, timed out, partial)</source>
        <translation>Fehlerquote (fehlgeschlagen, beendet, Zeitüberschreitung, teilweise)</translation>
    </message>
</context>
<context>
    <name>HistoryErrorCodeModel</name>
    <message numerus="yes">
        <source>%n run(s) with %1 in the range, bar by bar as in the chart above</source>
        <translation>
            <numerusform>%n Ausführung mit %1 im Zeitraum, Balken für Balken wie im Diagramm oben</numerusform>
            <numerusform>%n Ausführungen mit %1 im Zeitraum, Balken für Balken wie im Diagramm oben</numerusform>
        </translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>Im Zeitverlauf</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>&amp;Load older runs</source>
        <translation>Ältere Ausführungen &amp;laden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Compute units per bar (as the workflow platform reports them)</source>
        <translation>Compute-Einheiten je Balken (wie die Workflow-Plattform sie meldet)</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <source>Error codes</source>
        <translation>Fehlercodes</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Stop reading older runs; those read are kept</source>
        <translation>Das Lesen älterer Ausführungen anhalten; die gelesenen bleiben erhalten</translation>
    </message>
    <message>
        <source>&amp;Back to runs</source>
        <translation>Z&amp;urück zur Liste</translation>
    </message>
    <message>
        <source>The run list (Esc)</source>
        <translation>Die Liste der Ausführungen (Esc)</translation>
    </message>
    <message>
        <source>Enter or double-click: that workflow&apos;s runs in the list</source>
        <translation>Eingabe oder Doppelklick: die Ausführungen dieses Workflows in der Liste</translation>
    </message>
    <message>
        <source>&amp;Workflows: runs, failures and duration</source>
        <translation>&amp;Workflows: Ausführungen, Fehlschläge und Dauer</translation>
    </message>
    <message>
        <source>Top &amp;error codes over time</source>
        <translation>Häufigste &amp;Fehlercodes im Zeitverlauf</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Enter or double-click: the runs with that error code in the list</source>
        <translation>Eingabe oder Doppelklick: die Ausführungen mit diesem Fehlercode in der Liste</translation>
    </message>
    <message>
        <source>This connection&apos;s list cannot be filtered by error code</source>
        <translation>Die Liste dieser Verbindung lässt sich nicht nach Fehlercode filtern</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) in the range</source>
        <translation>
            <numerusform>%n Ausführung im Zeitraum</numerusform>
            <numerusform>%n Ausführungen im Zeitraum</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 compute units</source>
        <translation>%1 Compute-Einheiten</translation>
    </message>
    <message>
        <source>No failed runs in the range.</source>
        <translation>Keine fehlgeschlagenen Ausführungen im Zeitraum.</translation>
    </message>
    <message>
        <source>Click a bar, or choose one with the arrow keys and press Enter, to see its runs in the list.</source>
        <translation>Klicken Sie auf einen Balken oder wählen Sie einen mit den Pfeiltasten und drücken Sie die Eingabetaste, um seine Ausführungen in der Liste zu sehen.</translation>
    </message>
    <message>
        <source>No runs of %1 are stored yet. Load older runs reads the range from the server.</source>
        <translation>Noch keine Ausführungen von %1 gespeichert. „Ältere Ausführungen laden“ liest den Zeitraum vom Server.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) stored, the oldest from %1.</source>
        <translation>
            <numerusform>%n Ausführung gespeichert, die älteste vom %1.</numerusform>
            <numerusform>%n Ausführungen gespeichert, die älteste vom %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The range begins %1: Load older runs reads what is missing.</source>
        <translation>Der Zeitraum beginnt am %1: „Ältere Ausführungen laden“ liest, was fehlt.</translation>
    </message>
    <message>
        <source>Read the server&apos;s runs back to %1, page by page</source>
        <translation>Die Ausführungen des Servers bis %1 lesen, Seite für Seite</translation>
    </message>
    <message>
        <source>Reading runs back to %1…</source>
        <translation>Ausführungen bis %1 werden gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>Read %n run(s), back to %1…</source>
        <translation>
            <numerusform>%n Ausführung gelesen, bis %1…</numerusform>
            <numerusform>%n Ausführungen gelesen, bis %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>Looking up the error codes of failed runs: %1 of %2…</source>
        <translation>Fehlercodes fehlgeschlagener Ausführungen werden abgefragt: %1 von %2…</translation>
    </message>
    <message>
        <source>This connection&apos;s failures carry no error codes.</source>
        <translation>Die Fehlschläge dieser Verbindung haben keine Fehlercodes.</translation>
    </message>
    <message numerus="yes">
        <source>%1% of %n finished run(s) ended failing</source>
        <translation>
            <numerusform>%1 % von %n beendeten Ausführung endeten fehlgeschlagen</numerusform>
            <numerusform>%1 % von %n beendeten Ausführungen endeten fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Codes known for %1 of %n failed run(s). They come from each run&apos;s detail: Load older runs looks them up.</source>
        <translation>
            <numerusform>Codes bekannt für %1 von %n fehlgeschlagenen Ausführung. Sie stammen aus den Details jeder Ausführung: „Ältere Ausführungen laden“ fragt sie ab.</numerusform>
            <numerusform>Codes bekannt für %1 von %n fehlgeschlagenen Ausführungen. Sie stammen aus den Details jeder Ausführung: „Ältere Ausführungen laden“ fragt sie ab.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryWorkflowModel</name>
    <message numerus="yes">
        <source>%1
%n run(s); %2 failed of %3 finished</source>
        <translation>
            <numerusform>%1
%n Ausführung; %2 von %3 beendeten fehlgeschlagen</numerusform>
            <numerusform>%1
%n Ausführungen; %2 von %3 beendeten fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Compute units</source>
        <translation>Compute-Einheiten</translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Cancel or retry several runs at once: select them in the list (Shift or Ctrl and click, Ctrl+A) and use the bar above it.</source>
        <translation>Mehrere Ausführungen auf einmal abbrechen oder wiederholen: wählen Sie sie in der Liste aus (Umschalt- oder Strg-Klick, Strg+A) und nutzen Sie die Leiste darüber.</translation>
    </message>
    <message>
        <source>Remove &amp;finished</source>
        <translation>&amp;Erledigte entfernen</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Send nothing more for the selected job; runs under way finish</source>
        <translation>Für den ausgewählten Auftrag nichts mehr senden; laufende Anfragen werden beendet</translation>
    </message>
    <message>
        <source>Copy one line per run, tab-separated, with what became of it</source>
        <translation>Eine Zeile pro Ausführung kopieren, durch Tabulatoren getrennt, mit ihrem Ergebnis</translation>
    </message>
    <message>
        <source>Copied the report of “%1”.</source>
        <translation>Bericht von „%1“ kopiert.</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>&amp;Copy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>{%1 fields}</source>
        <translation>{%1 Felder}</translation>
    </message>
    <message>
        <source>[%1 items]</source>
        <translation>[%1 Einträge]</translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <source>Enter a whole number, e.g. 42.</source>
        <translation>Geben Sie eine ganze Zahl ein, z. B. 42.</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 0.75.</source>
        <translation>Geben Sie eine Zahl mit Punkt als Dezimaltrennzeichen ein, z. B. 0.75.</translation>
    </message>
    <message>
        <source>Choose true or false.</source>
        <translation>Wählen Sie „wahr“ oder „falsch“.</translation>
    </message>
    <message>
        <source>This is not valid JSON (%1 near character %2).</source>
        <translation>Das ist kein gültiges JSON (%1 bei Zeichen %2).</translation>
    </message>
    <message>
        <source>Choose a workflow to run.</source>
        <translation>Wählen Sie einen Workflow aus.</translation>
    </message>
    <message>
        <source>This parameter is required.</source>
        <translation>Dieser Parameter ist erforderlich.</translation>
    </message>
    <message>
        <source>Choose a proxy location from the list.</source>
        <translation>Wählen Sie einen Proxy-Standort aus der Liste.</translation>
    </message>
    <message>
        <source>Enter the proxy as http://user:password@host:port.</source>
        <translation>Geben Sie den Proxy als http://benutzer:passwort@host:port ein.</translation>
    </message>
    <message>
        <source>Enter a two-letter country code, e.g. US.</source>
        <translation>Geben Sie einen Ländercode aus zwei Buchstaben ein, z. B. US.</translation>
    </message>
    <message>
        <source>Timeout must be between 1 and 480 minutes.</source>
        <translation>Das Zeitlimit muss zwischen 1 und 480 Minuten liegen.</translation>
    </message>
    <message>
        <source>“%1” is not a valid header name.</source>
        <translation>„%1“ ist kein gültiger Header-Name.</translation>
    </message>
    <message>
        <source>Header values cannot span lines.</source>
        <translation>Header-Werte dürfen keine Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>Every tag needs a name.</source>
        <translation>Jedes Tag benötigt einen Namen.</translation>
    </message>
    <message>
        <source>Enter a full address starting with https://, e.g. https://example.com/hook.</source>
        <translation>Geben Sie eine vollständige Adresse ein, die mit https:// beginnt, z. B. https://example.com/hook.</translation>
    </message>
</context>
<context>
    <name>LaunchRunDialog</name>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Run agent</source>
        <translation>Agent starten</translation>
    </message>
    <message>
        <source>Loading workflows…</source>
        <translation>Workflows werden geladen …</translation>
    </message>
    <message>
        <source>Optional name for this run</source>
        <translation>Optionaler Name für diese Ausführung</translation>
    </message>
    <message>
        <source>Server default</source>
        <translation>Server-Standard</translation>
    </message>
    <message>
        <source>Custom proxy URL…</source>
        <translation>Eigene Proxy-URL …</translation>
    </message>
    <message>
        <source>Country / subdivision / city…</source>
        <translation>Land / Region / Stadt …</translation>
    </message>
    <message>
        <source>Country (US)</source>
        <translation>Land (US)</translation>
    </message>
    <message>
        <source>Subdivision (CA)</source>
        <translation>Region (CA)</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Server default (240 min)</source>
        <translation>Server-Standard (240 min)</translation>
    </message>
    <message>
        <source> min (%1–%2)</source>
        <translation> min (%1–%2)</translation>
    </message>
    <message>
        <source>From %1 to %2 minutes; 0 leaves it to the server</source>
        <translation>Von %1 bis %2 Minuten; 0 überlässt es dem Server</translation>
    </message>
    <message>
        <source>Workflow setting</source>
        <translation>Workflow-Einstellung</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Fall back to AI if code fails</source>
        <translation>Bei Code-Fehler auf KI zurückgreifen</translation>
    </message>
    <message>
        <source>No fallback</source>
        <translation>Kein Fallback</translation>
    </message>
    <message>
        <source>&amp;Workflow</source>
        <translation>&amp;Workflow</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>&amp;Proxy</translation>
    </message>
    <message>
        <source>Web&amp;hook URL</source>
        <translation>Web&amp;hook-URL</translation>
    </message>
    <message>
        <source>TOTP &amp;URL</source>
        <translation>TOTP-&amp;URL</translation>
    </message>
    <message>
        <source>TOTP &amp;identifier</source>
        <translation>TOTP-&amp;Kennung</translation>
    </message>
    <message>
        <source>Browser &amp;session</source>
        <translation>Browser-S&amp;itzung</translation>
    </message>
    <message>
        <source>Ti&amp;meout</source>
        <translation>&amp;Zeitlimit</translation>
    </message>
    <message>
        <source>AI &amp;fallback</source>
        <translation>KI-&amp;Fallback</translation>
    </message>
    <message>
        <source>Metadata ta&amp;gs</source>
        <translation>Metadaten-Ta&amp;gs</translation>
    </message>
    <message>
        <source>Launch options</source>
        <translation>Startoptionen</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Could not load workflows</source>
        <translation>Workflows konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>%1, required</source>
        <translation>%1, erforderlich</translation>
    </message>
    <message>
        <source>credential id (cred_…), required</source>
        <translation>Zugangsdaten-ID (cred_…), erforderlich</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet …</translation>
    </message>
    <message>
        <source>Browser pr&amp;ofile</source>
        <translation>Browser-P&amp;rofil</translation>
    </message>
    <message>
        <source>Extra HTTP h&amp;eaders</source>
        <translation>Zusätzliche HTTP-H&amp;eader</translation>
    </message>
    <message>
        <source>Ru&amp;n with</source>
        <translation>Ausführen &amp;mit</translation>
    </message>
</context>
<context>
    <name>LenientRead</name>
    <message numerus="yes">
        <source>%n artifact(s) the server sent could not be read and are not shown (%1).</source>
        <translation>
            <numerusform>%n Artefakt vom Server konnte nicht gelesen werden und wird nicht angezeigt (%1).</numerusform>
            <numerusform>%n Artefakte vom Server konnten nicht gelesen werden und werden nicht angezeigt (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) out of any sensible range were left out (%1).</source>
        <translation>
            <numerusform>%n Wert außerhalb jedes sinnvollen Bereichs wurde ausgelassen (%1).</numerusform>
            <numerusform>%n Werte außerhalb jedes sinnvollen Bereichs wurden ausgelassen (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n text(s) longer than %1 characters were cut (%2).</source>
        <translation>
            <numerusform>%n Text länger als %1 Zeichen wurde gekürzt (%2).</numerusform>
            <numerusform>%n Texte länger als %1 Zeichen wurden gekürzt (%2).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n block(s), thought(s) or action(s) of the timeline could not be read and are not shown (%1).</source>
        <translation>
            <numerusform>%n Block, Gedanke oder Aktion der Zeitleiste konnte nicht gelesen werden und wird nicht angezeigt (%1).</numerusform>
            <numerusform>%n Blöcke, Gedanken oder Aktionen der Zeitleiste konnten nicht gelesen werden und werden nicht angezeigt (%1).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Reload</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>Run &amp;agent…</source>
        <translation>&amp;Agent starten …</translation>
    </message>
    <message>
        <source>&amp;Edit connection…</source>
        <translation>Verbindung &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;New connection…</source>
        <translation>&amp;Neue Verbindung …</translation>
    </message>
    <message>
        <source>&amp;Remove connection</source>
        <translation>Verbindung &amp;entfernen</translation>
    </message>
    <message>
        <source>Runwatch</source>
        <translation>Runwatch</translation>
    </message>
    <message>
        <source>Server and API key of this connection</source>
        <translation>Server und API-Schlüssel dieser Verbindung</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Ausführungen</translation>
    </message>
    <message>
        <source>Close this notice</source>
        <translation>Diesen Hinweis schließen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Runwatch — %1</source>
        <translation>Runwatch — %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 Retrying in %n s.</source>
        <translation>
            <numerusform>%1 Erneuter Versuch in %n s.</numerusform>
            <numerusform>%1 Erneuter Versuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Retrying.</source>
        <translation>%1 Erneuter Versuch läuft.</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>Ausführung abbrechen</translation>
    </message>
    <message>
        <source>Cancel run %1 of “%2”? The browser stops where it is.</source>
        <translation>Ausführung %1 von „%2“ abbrechen? Der Browser hält an der aktuellen Stelle an.</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Could not cancel %1. %2</source>
        <translation>%1 konnte nicht abgebrochen werden. %2</translation>
    </message>
    <message>
        <source>Launched run %1. It is selected in the list and updates live.</source>
        <translation>Ausführung %1 gestartet. Sie ist in der Liste ausgewählt und wird live aktualisiert.</translation>
    </message>
    <message>
        <source>Launched run %1. %2</source>
        <translation>Ausführung %1 gestartet. %2</translation>
    </message>
    <message>
        <source>No runs to show.</source>
        <translation>Keine Ausführungen vorhanden.</translation>
    </message>
    <message>
        <source>%1 The other connections&apos; runs are shown.</source>
        <translation>%1 Die Ausführungen der anderen Verbindungen werden angezeigt.</translation>
    </message>
    <message>
        <source>Showing the runs loaded before.</source>
        <translation>Die zuvor geladenen Ausführungen werden angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n s.</source>
        <translation>
            <numerusform>Erneuter Versuch in %n s.</numerusform>
            <numerusform>Erneuter Versuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading runs…</source>
        <translation>Ausführungen werden geladen …</translation>
    </message>
    <message>
        <source>Could not load runs. %1</source>
        <translation>Ausführungen konnten nicht geladen werden. %1</translation>
    </message>
    <message>
        <source>No runs yet.</source>
        <translation>Noch keine Ausführungen.</translation>
    </message>
    <message>
        <source>No runs match these filters.</source>
        <translation>Keine Ausführungen entsprechen diesen Filtern.</translation>
    </message>
    <message>
        <source>could not update</source>
        <translation>Aktualisierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>updating…</source>
        <translation>wird aktualisiert …</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) as saved at %1 · %2</source>
        <translation>
            <numerusform>%n Ausführung, Stand %1 · %2</numerusform>
            <numerusform>%n Ausführungen, Stand %1 · %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) loaded</source>
        <translation>
            <numerusform>%n Ausführung geladen</numerusform>
            <numerusform>%n Ausführungen geladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>no more runs</source>
        <translation>keine weiteren Ausführungen</translation>
    </message>
    <message>
        <source>scroll for more</source>
        <translation>für mehr scrollen</translation>
    </message>
    <message numerus="yes">
        <source>%n active, updating live</source>
        <translation>
            <numerusform>%n aktiv, wird live aktualisiert</numerusform>
            <numerusform>%n aktiv, werden live aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen …</translation>
    </message>
    <message>
        <source> · </source>
        <comment>separator of the status bar&apos;s parts</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>Load the newest runs again (%1)</source>
        <translation>Die neuesten Ausführungen erneut laden (%1)</translation>
    </message>
    <message>
        <source>Launch a run of a workflow (%1)</source>
        <translation>Eine Ausführung eines Workflows starten (%1)</translation>
    </message>
    <message>
        <source>Which connection&apos;s runs to show (%1…%2)</source>
        <translation>Ausführungen welcher Verbindung angezeigt werden (%1…%2)</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <source>Selected run</source>
        <translation>Ausgewählte Ausführung</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Übersicht</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>It starts a new run with the parameters this one was given.</source>
        <translation>Es wird eine neue Ausführung mit den Parametern dieser Ausführung gestartet.</translation>
    </message>
    <message numerus="yes">
        <source>  and %n more</source>
        <translation>
            <numerusform>  und %n weiterer</numerusform>
            <numerusform>  und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>It starts a new run; this one was given no parameters.</source>
        <translation>Es wird eine neue Ausführung gestartet; diese hatte keine Parameter.</translation>
    </message>
    <message>
        <source>It starts a new run with the same parameters:
%1</source>
        <translation>Es wird eine neue Ausführung mit denselben Parametern gestartet:
%1</translation>
    </message>
    <message>
        <source>Retry run</source>
        <translation>Ausführung wiederholen</translation>
    </message>
    <message>
        <source>Retry run %1 of “%2”?</source>
        <translation>Ausführung %1 von „%2“ wiederholen?</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Could not retry %1. %2</source>
        <translation>%1 konnte nicht wiederholt werden. %2</translation>
    </message>
    <message>
        <source>Retried run %1 as %2. It is selected in the list and updates live.</source>
        <translation>Ausführung %1 als %2 wiederholt. Sie ist in der Liste ausgewählt und wird live aktualisiert.</translation>
    </message>
    <message>
        <source>Edit and retry %1</source>
        <translation>%1 bearbeiten und wiederholen</translation>
    </message>
    <message>
        <source>&amp;Screenshots</source>
        <translation>&amp;Bildschirmfotos</translation>
    </message>
    <message>
        <source>&amp;Recording</source>
        <translation>&amp;Aufzeichnung</translation>
    </message>
    <message>
        <source>Co&amp;mpare with the run looked at before (%1, %2, %3)</source>
        <translation>Mit der zuvor angesehenen Ausführung &amp;vergleichen (%1, %2, %3)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Run %1 is not among the loaded runs; it is selected when it is listed.</source>
        <translation>Die Ausführung %1 ist nicht unter den geladenen; sie wird ausgewählt, sobald sie aufgeführt ist.</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>Beobachtet</translation>
    </message>
    <message>
        <source>&amp;Watched runs</source>
        <translation>&amp;Beobachtete Ausführungen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n run id(s).</source>
        <translation>
            <numerusform>%n Ausführungs-ID kopiert.</numerusform>
            <numerusform>%n Ausführungs-IDs kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cancel runs</source>
        <translation>Ausführungen abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)? Their browsers stop where they are.</source>
        <translation>
            <numerusform>%n Ausführung abbrechen? Ihr Browser hält an, wo er ist.</numerusform>
            <numerusform>%n Ausführungen abbrechen? Ihre Browser halten an, wo sie sind.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung abbrechen</numerusform>
            <numerusform>%n Ausführungen abbrechen</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry runs</source>
        <translation>Ausführungen wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n run(s)? Each starts again as a new run, with the parameters it was given.</source>
        <translation>
            <numerusform>%n Ausführung wiederholen? Sie startet als neue Ausführung mit ihren Parametern.</numerusform>
            <numerusform>%n Ausführungen wiederholen? Jede startet als neue Ausführung mit ihren Parametern.</numerusform>
        </translation>
    </message>
    <message>
        <source>Workflows: %1</source>
        <translation>Workflows: %1</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> und %n weiterer</numerusform>
            <numerusform> und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>At most %1 are sent at once; the Jobs panel shows each result.</source>
        <translation>Höchstens %1 werden gleichzeitig gesendet; der Bereich „Aufträge“ zeigt jedes Ergebnis.</translation>
    </message>
    <message numerus="yes">
        <source>Retry %n run(s)</source>
        <translation>
            <numerusform>%n Ausführung wiederholen</numerusform>
            <numerusform>%n Ausführungen wiederholen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n shown of one failure group</source>
        <translation>
            <numerusform>%n aus einer Fehlergruppe angezeigt</numerusform>
            <numerusform>%n aus einer Fehlergruppe angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>Gestoppt: %1</translation>
    </message>
    <message>
        <source>Failure groups</source>
        <translation>Fehlergruppen</translation>
    </message>
    <message>
        <source>&amp;Failure groups</source>
        <translation>Fehler&amp;gruppen</translation>
    </message>
    <message numerus="yes">
        <source>Every run is loaded: %n run(s).</source>
        <translation>
            <numerusform>Alle Ausführungen sind geladen: %n Ausführung.</numerusform>
            <numerusform>Alle Ausführungen sind geladen: %n Ausführungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded back to %1: %n run(s).</source>
        <translation>
            <numerusform>Geladen bis %1: %n Ausführung.</numerusform>
            <numerusform>Geladen bis %1: %n Ausführungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server gives at most %1 pages; loaded back to %2 (%n run(s)).</source>
        <translation>
            <numerusform>Der Server liefert höchstens %1 Seiten; geladen bis %2 (%n Ausführung).</numerusform>
            <numerusform>Der Server liefert höchstens %1 Seiten; geladen bis %2 (%n Ausführungen).</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading older runs…</source>
        <translation>Ältere Ausführungen werden geladen…</translation>
    </message>
    <message numerus="yes">
        <source>Loading older runs… %n so far, back to %1.</source>
        <translation>
            <numerusform>Ältere Ausführungen werden geladen… bisher %n, bis %1.</numerusform>
            <numerusform>Ältere Ausführungen werden geladen… bisher %n, bis %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left alone: %n selected run(s) that ended already or cannot be cancelled on their connection.</source>
        <translation>
            <numerusform>Unberührt bleibt %n ausgewählte Ausführung, die bereits beendet ist oder auf ihrer Verbindung nicht abgebrochen werden kann.</numerusform>
            <numerusform>Unberührt bleiben %n ausgewählte Ausführungen, die bereits beendet sind oder auf ihrer Verbindung nicht abgebrochen werden können.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retried from this window already, and would run again: %n run(s).</source>
        <translation>
            <numerusform>In diesem Fenster bereits wiederholt und liefe erneut: %n Ausführung.</numerusform>
            <numerusform>In diesem Fenster bereits wiederholt und liefen erneut: %n Ausführungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left alone: %n selected run(s) still running or not retryable on their connection.</source>
        <translation>
            <numerusform>Unberührt bleibt %n ausgewählte Ausführung, die noch läuft oder auf ihrer Verbindung nicht wiederholbar ist.</numerusform>
            <numerusform>Unberührt bleiben %n ausgewählte Ausführungen, die noch laufen oder auf ihrer Verbindung nicht wiederholbar sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tags of %1: %2</source>
        <translation>Tags von %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Tag runs (%n other selected run(s) left alone)</source>
        <translation>
            <numerusform>Ausführungen taggen (%n weitere ausgewählte Ausführung bleibt unverändert)</numerusform>
            <numerusform>Ausführungen taggen (%n weitere ausgewählte Ausführungen bleiben unverändert)</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write every run of this list, loaded or not, to a CSV or JSON Lines file (%1)</source>
        <translation>Jede Ausführung dieser Liste, geladen oder nicht, in eine CSV- oder JSON-Lines-Datei schreiben (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln run(s) to %1.</source>
        <translation>
            <numerusform>%Ln Ausführung nach %1 exportiert.</numerusform>
            <numerusform>%Ln Ausführungen nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>A zip of the run, its request (secrets replaced), timeline, screenshots, recording and files, to attach to a report</source>
        <translation>Ein Zip-Archiv der Ausführung, ihrer Anfrage (Geheimnisse ersetzt), Zeitleiste, Bildschirmfotos, Aufzeichnung und Dateien, zum Anhängen an einen Bericht</translation>
    </message>
    <message>
        <source>Save the evidence of %1</source>
        <translation>Beweispaket von %1 speichern</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Zip-Archive (*.zip)</translation>
    </message>
    <message numerus="yes">
        <source>Saving the evidence of %1: %2 of %n file(s)…</source>
        <translation>
            <numerusform>Beweispaket von %1 wird gespeichert: %2 von %n Datei …</numerusform>
            <numerusform>Beweispaket von %1 wird gespeichert: %2 von %n Dateien …</numerusform>
        </translation>
    </message>
    <message>
        <source>The evidence of %1 was not saved: %2</source>
        <translation>Das Beweispaket von %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Saved the evidence of %1 to %2.</source>
        <translation>Beweispaket von %1 unter %2 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Saved the evidence of %1 to %2; %n item(s) could not be fetched (listed in its README.txt).</source>
        <translation>
            <numerusform>Beweispaket von %1 unter %2 gespeichert; %n Teil konnte nicht abgerufen werden (in seiner README.txt aufgeführt).</numerusform>
            <numerusform>Beweispaket von %1 unter %2 gespeichert; %n Teile konnten nicht abgerufen werden (in seiner README.txt aufgeführt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ta&amp;g %n selected run(s)…</source>
        <translation>
            <numerusform>%n ausgewählte Ausführung &amp;taggen…</numerusform>
            <numerusform>%n ausgewählte Ausführungen &amp;taggen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit ta&amp;gs…</source>
        <translation>Ta&amp;gs bearbeiten…</translation>
    </message>
    <message>
        <source>Save e&amp;vidence bundle…</source>
        <translation>Beweis&amp;paket speichern…</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Runs per hour or day, failure rate, durations and error codes over time (%1)</source>
        <translation>Ausführungen je Stunde oder Tag, Fehlerquote, Dauer und Fehlercodes im Zeitverlauf (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n shown from History</source>
        <translation>
            <numerusform>%n aus dem Verlauf angezeigt</numerusform>
            <numerusform>%n aus dem Verlauf angezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read %n run(s) from the server.</source>
        <translation>
            <numerusform>%n Ausführung vom Server gelesen.</numerusform>
            <numerusform>%n Ausführungen vom Server gelesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n run(s); they are kept.</source>
        <translation>
            <numerusform>Nach %n Ausführung angehalten; sie bleibt erhalten.</numerusform>
            <numerusform>Nach %n Ausführungen angehalten; sie bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>the runs with error code %1</source>
        <translation>die Ausführungen mit dem Fehlercode %1</translation>
    </message>
    <message numerus="yes">
        <source>the %n run(s) of %1 since %2</source>
        <translation>
            <numerusform>die %n Ausführung von %1 seit %2</numerusform>
            <numerusform>die %n Ausführungen von %1 seit %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the runs of %1</source>
        <translation>die Ausführungen von %1</translation>
    </message>
    <message numerus="yes">
        <source>the %n %1 run(s) of %2</source>
        <translation>
            <numerusform>die %n Ausführung mit Status %1 vom %2</numerusform>
            <numerusform>die %n Ausführungen mit Status %1 vom %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the %n run(s) of %1</source>
        <translation>
            <numerusform>die %n Ausführung vom %1</numerusform>
            <numerusform>die %n Ausführungen vom %1</numerusform>
        </translation>
    </message>
    <message>
        <source>From History: %1.</source>
        <translation>Aus dem Verlauf: %1.</translation>
    </message>
    <message>
        <source>%1 of them loaded so far.</source>
        <translation>%1 davon bisher geladen.</translation>
    </message>
    <message>
        <source>Retried run %1 as %2. The filters would hide it, so they were cleared; it is selected in the list and updates live.</source>
        <translation>Ausführung %1 als %2 wiederholt. Die Filter hätten sie verborgen und wurden daher zurückgesetzt; sie ist in der Liste ausgewählt und wird live aktualisiert.</translation>
    </message>
    <message>
        <source>Launched run %1. The filters would hide it, so they were cleared; it is selected in the list and updates live.</source>
        <translation>Ausführung %1 gestartet. Die Filter hätten sie verborgen und wurden daher zurückgesetzt; sie ist in der Liste ausgewählt und wird live aktualisiert.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Beende&amp;n</translation>
    </message>
    <message>
        <source>The search looks in run ids, parameters and headers, not workflow names: choose “%1” in the workflow box to see its runs.</source>
        <translation>Die Suche durchsucht Ausführungs-IDs, Parameter und Header, keine Workflow-Namen: Wählen Sie „%1“ im Workflow-Feld, um seine Ausführungen zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>Read %n run(s) from the server, which has none older than %1.</source>
        <translation>
            <numerusform>%n Ausführung vom Server gelesen; ältere als %1 hat er nicht.</numerusform>
            <numerusform>%n Ausführungen vom Server gelesen; ältere als %1 hat er nicht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close this notice to go back to the list as it was.</source>
        <translation>Schließen Sie diesen Hinweis, um zur Liste wie zuvor zurückzukehren.</translation>
    </message>
</context>
<context>
    <name>MergedRunSource</name>
    <message>
        <source>All connections</source>
        <translation>Alle Verbindungen</translation>
    </message>
    <message>
        <source>Run %1 is not in the loaded lists.</source>
        <translation>Die Ausführung %1 ist nicht in den geladenen Listen.</translation>
    </message>
    <message>
        <source>Pick one connection to launch a run on.</source>
        <translation>Wählen Sie eine einzelne Verbindung, um darauf eine Ausführung zu starten.</translation>
    </message>
    <message>
        <source>%1 is not shown: it cannot filter by error code.</source>
        <translation>%1 wird nicht angezeigt: Dort lässt sich nicht nach Fehlercode filtern.</translation>
    </message>
    <message>
        <source>%1 is not shown: it cannot search runs.</source>
        <translation>%1 wird nicht angezeigt: Dort lassen sich Ausführungen nicht durchsuchen.</translation>
    </message>
    <message>
        <source>%1 is not shown: it cannot filter by the status you picked.</source>
        <translation>%1 wird nicht angezeigt: Dort lässt sich nicht nach dem gewählten Status filtern.</translation>
    </message>
</context>
<context>
    <name>NotificationCenter</name>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) failed on %1</source>
        <translation>
            <numerusform>%n Ausführung auf %1 fehlgeschlagen</numerusform>
            <numerusform>%n Ausführungen auf %1 fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) ended on %1</source>
        <translation>
            <numerusform>%n Ausführung auf %1 beendet</numerusform>
            <numerusform>%n Ausführungen auf %1 beendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n with %1</source>
        <translation>
            <numerusform>, %n mit %1</numerusform>
            <numerusform>, %n mit %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Open in Runwatch</source>
        <translation>In Runwatch öffnen</translation>
    </message>
    <message>
        <source>Runwatch notifications work</source>
        <translation>Runwatch-Benachrichtigungen funktionieren</translation>
    </message>
    <message>
        <source>This is how Runwatch tells you that a run you care about ended.</source>
        <translation>So teilt Runwatch Ihnen mit, dass eine Ausführung, die Sie interessiert, beendet ist.</translation>
    </message>
</context>
<context>
    <name>NotificationRuleModel</name>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Ends as</source>
        <translation>Endet als</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>Stay quiet</source>
        <translation>Still bleiben</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>As the desktop</source>
        <translation>Wie die Arbeitsumgebung</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Ask the first time</source>
        <translation>Beim ersten Mal fragen</translation>
    </message>
    <message>
        <source>Keep Runwatch in the tray</source>
        <translation>Runwatch im Systemabschnitt behalten</translation>
    </message>
    <message>
        <source>Quit Runwatch</source>
        <translation>Runwatch beenden</translation>
    </message>
    <message>
        <source>&amp;Closing the window:</source>
        <translation>&amp;Schließen des Fensters:</translation>
    </message>
    <message>
        <source>In the tray Runwatch goes on watching your runs and tells you when they end; quit it from the tray&apos;s menu.</source>
        <translation>Im Systemabschnitt beobachtet Runwatch Ihre Ausführungen weiter und meldet, wenn sie enden; beenden Sie es über das Menü des Symbols.</translation>
    </message>
    <message>
        <source>This desktop shows no tray: closing the window quits Runwatch.</source>
        <translation>Diese Arbeitsumgebung hat keinen Systemabschnitt: Das Schließen des Fensters beendet Runwatch.</translation>
    </message>
    <message>
        <source>Tell me</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>When any run &amp;fails on these connections:</source>
        <translation>Wenn eine Ausführung auf diesen Verbindungen &amp;fehlschlägt:</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>The first rule that matches a run that ended decides; when none does, the choices above do.</source>
        <translation>Die erste Regel, die auf eine beendete Ausführung passt, entscheidet; passt keine, gilt die Auswahl oben.</translation>
    </message>
    <message>
        <source>Notification rules</source>
        <translation>Benachrichtigungsregeln</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>Regel &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>&amp;Ruhezeiten</translation>
    </message>
    <message>
        <source>No notifications from</source>
        <translation>Keine Benachrichtigungen von</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>&amp;Paused until %1</source>
        <translation>&amp;Pausiert bis %1</translation>
    </message>
    <message>
        <source>&amp;Send a test notification</source>
        <translation>Testbenachr&amp;ichtigung senden</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>Stay quiet</source>
        <translation>Still bleiben</translation>
    </message>
    <message>
        <source>T&amp;hen:</source>
        <translation>&amp;Dann:</translation>
    </message>
    <message>
        <source>Any connection</source>
        <translation>Beliebige Verbindung</translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation>&amp;Verbindung:</translation>
    </message>
    <message>
        <source>Any workflow</source>
        <translation>Beliebiger Workflow</translation>
    </message>
    <message>
        <source>Pick a workflow, or type its id (wpid_…)</source>
        <translation>Wählen Sie einen Workflow oder geben Sie seine ID ein (wpid_…)</translation>
    </message>
    <message>
        <source>&amp;Workflow:</source>
        <translation>&amp;Workflow:</translation>
    </message>
    <message>
        <source>Ends as:</source>
        <translation>Endet als:</translation>
    </message>
    <message>
        <source>None ticked: however it ends.</source>
        <translation>Nichts angekreuzt: egal, wie sie endet.</translation>
    </message>
    <message>
        <source>Any; or one, such as CAPTCHA_DETECTED</source>
        <translation>Beliebig; oder einer, etwa CAPTCHA_DETECTED</translation>
    </message>
    <message>
        <source>&amp;Error code:</source>
        <translation>Fehler&amp;code:</translation>
    </message>
    <message>
        <source>When a run I &amp;launched here or watch ends</source>
        <translation>Wenn eine hier &amp;gestartete oder beobachtete Ausführung endet</translation>
    </message>
    <message>
        <source>Any; or env:prod, env:* (any env) or a label such as nightly</source>
        <translation>Beliebig; oder env:prod, env:* (jedes env) oder ein Label wie nightly</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tag:</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Watch, filter and launch Skyvern runs.</source>
        <translation>Skyvern-Ausführungen beobachten, filtern und starten.</translation>
    </message>
    <message>
        <source>Start the built-in demo server and connect to it.</source>
        <translation>Den integrierten Demo-Server starten und sich damit verbinden.</translation>
    </message>
    <message>
        <source>Skyvern server to connect to; the API key is read from RUNWATCH_API_KEY.</source>
        <translation>Skyvern-Server, mit dem verbunden werden soll; der API-Schlüssel wird aus RUNWATCH_API_KEY gelesen.</translation>
    </message>
    <message>
        <source>Allow plain http to a host other than this machine.</source>
        <translation>Unverschlüsseltes http zu einem anderen Host als diesem Rechner erlauben.</translation>
    </message>
    <message>
        <source>How fast demo runs move on (milliseconds).</source>
        <translation>Wie schnell Demo-Ausführungen voranschreiten (Millisekunden).</translation>
    </message>
    <message>
        <source>Seed of the demo data.</source>
        <translation>Startwert (Seed) der Demo-Daten.</translation>
    </message>
    <message>
        <source>Use this settings file instead of the user&apos;s.</source>
        <translation>Diese Einstellungsdatei anstelle der des Benutzers verwenden.</translation>
    </message>
    <message>
        <source>Print when the first rows are painted, then quit (for benchmarks).</source>
        <translation>Ausgeben, wann die ersten Zeilen gezeichnet sind, dann beenden (für Benchmarks).</translation>
    </message>
    <message>
        <source>Set RUNWATCH_API_KEY to the server&apos;s API key.</source>
        <translation>Setzen Sie RUNWATCH_API_KEY auf den API-Schlüssel des Servers.</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>ganze Zahl</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>file URL</source>
        <translation>Datei-URL</translation>
    </message>
    <message>
        <source>credential id</source>
        <translation>Zugangsdaten-ID</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>runwatch://run/&lt;connection&gt;/&lt;run id&gt; links to open; a running Runwatch opens them in its window.</source>
        <translation>Zu öffnende Links runwatch://run/&lt;Verbindung&gt;/&lt;Ausführungs-ID&gt;; ein laufendes Runwatch öffnet sie in seinem Fenster.</translation>
    </message>
    <message>
        <source>Start with the window minimised (to start with the session, say).</source>
        <translation>Mit minimiertem Fenster starten (etwa beim Anmelden).</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <source>Open in another app</source>
        <translation>In anderem Programm öffnen</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Open the recording in another app</source>
        <translation>Die Aufzeichnung in einem anderen Programm öffnen</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>Abspielen oder pausieren (Leertaste)</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Position in der Aufzeichnung</translation>
    </message>
    <message>
        <source>Position (Left and Right move 5 seconds)</source>
        <translation>Position (Links und Rechts springen 5 Sekunden)</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Select a run to watch its recording.</source>
        <translation>Wählen Sie eine Ausführung, um ihre Aufzeichnung anzusehen.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Loading the recording…</source>
        <translation>Aufzeichnung wird geladen …</translation>
    </message>
    <message>
        <source>The recording could not be looked for: %1</source>
        <translation>Die Aufzeichnung konnte nicht gesucht werden: %1</translation>
    </message>
    <message>
        <source>This run has no recording.</source>
        <translation>Diese Ausführung hat keine Aufzeichnung.</translation>
    </message>
    <message>
        <source>The recording could not be fetched: %1</source>
        <translation>Die Aufzeichnung konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>The recording is an empty file.</source>
        <translation>Die Aufzeichnung ist eine leere Datei.</translation>
    </message>
    <message>
        <source>Recordings cannot be played on this machine: Qt Multimedia found no backend to play them with.</source>
        <translation>Aufzeichnungen können auf diesem Rechner nicht abgespielt werden: Qt Multimedia hat kein Backend gefunden, das sie abspielt.</translation>
    </message>
    <message>
        <source>The recording could not be saved for playing: %1</source>
        <translation>Die Aufzeichnung konnte zum Abspielen nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The recording stops at %1 of its %2: the file is incomplete.</source>
        <translation>Die Aufzeichnung endet bei %1 von %2: Die Datei ist unvollständig.</translation>
    </message>
    <message>
        <source>This machine has nothing that plays the recording&apos;s format (%1). Installing the GStreamer plugins (gstreamer1.0-plugins-good, gstreamer1.0-libav) may help.</source>
        <translation>Auf diesem Rechner kann nichts das Format der Aufzeichnung abspielen (%1). Die GStreamer-Plugins zu installieren (gstreamer1.0-plugins-good, gstreamer1.0-libav) kann helfen.</translation>
    </message>
    <message>
        <source>The recording could not be read; the file may be damaged or incomplete (%1).</source>
        <translation>Die Aufzeichnung konnte nicht gelesen werden; die Datei ist vielleicht beschädigt oder unvollständig (%1).</translation>
    </message>
    <message>
        <source>The recording could not be played: %1</source>
        <translation>Die Aufzeichnung konnte nicht abgespielt werden: %1</translation>
    </message>
    <message>
        <source>Nothing on this machine could open %1.</source>
        <translation>Auf diesem Rechner konnte kein Programm %1 öffnen.</translation>
    </message>
    <message>
        <source>Steps in the recording</source>
        <translation>Schritte in der Aufzeichnung</translation>
    </message>
    <message>
        <source>The run&apos;s steps: click one to play from there</source>
        <translation>Die Schritte des Laufs: Klicken Sie auf einen, um von dort abzuspielen</translation>
    </message>
    <message>
        <source>Recordings cannot be played: %1</source>
        <translation>Aufzeichnungen können nicht abgespielt werden: %1</translation>
    </message>
</context>
<context>
    <name>RunArtifacts</name>
    <message>
        <source>The run has %1 artifacts; only the first %2 were read.</source>
        <translation>Die Ausführung hat %1 Artefakte; nur die ersten %2 wurden gelesen.</translation>
    </message>
</context>
<context>
    <name>RunDetailPane</name>
    <message>
        <source>Cancel run…</source>
        <translation>Ausführung abbrechen …</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Ausführungsdetails</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehlerursache</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <translation>Bildschirmfotos</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Downloaded files</source>
        <translation>Heruntergeladene Dateien</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Request and parameters</source>
        <translation>Anfrage und Parameter</translation>
    </message>
    <message>
        <source>As the server listed it</source>
        <translation>Wie vom Server aufgelistet</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>%1 (not a web link, not opened)</source>
        <translation>%1 (kein Weblink, nicht geöffnet)</translation>
    </message>
    <message>
        <source>Runwatch opens only http and https links from the server:
%1</source>
        <translation>Runwatch öffnet nur http- und https-Links vom Server:
%1</translation>
    </message>
    <message>
        <source>Asked the desktop to open %1 in your browser.</source>
        <translation>%1 wurde zum Öffnen an Ihren Browser übergeben.</translation>
    </message>
    <message>
        <source>Nothing on this machine could open %1.</source>
        <translation>Auf diesem Rechner konnte kein Programm %1 öffnen.</translation>
    </message>
    <message>
        <source>No run selected</source>
        <translation>Keine Ausführung ausgewählt</translation>
    </message>
    <message>
        <source>Select a run to see why it did what it did.</source>
        <translation>Wählen Sie eine Ausführung aus, um zu sehen, warum sie so verlaufen ist.</translation>
    </message>
    <message>
        <source>Loading the run…</source>
        <translation>Ausführung wird geladen …</translation>
    </message>
    <message>
        <source>%1 Showing what was loaded before.</source>
        <translation>%1 Angezeigt wird der zuvor geladene Stand.</translation>
    </message>
    <message>
        <source>started by %1</source>
        <translation>gestartet von %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>%1 CU</source>
        <translation>%1 CU</translation>
    </message>
    <message>
        <source>simulation</source>
        <translation>Simulation</translation>
    </message>
    <message>
        <source>dust test</source>
        <translation>Dust-Test</translation>
    </message>
    <message>
        <source>retry of %1</source>
        <translation>Wiederholung von %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Eingereiht</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Queue wait: %1</source>
        <translation>Wartezeit: %1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation>Läuft seit %1</translation>
    </message>
    <message>
        <source>
Category: %1</source>
        <translation>
Kategorie: %1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… und %1 weitere</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Aufzeichnung</translation>
    </message>
    <message>
        <source>Open in the Skyvern app</source>
        <translation>In der Skyvern-App öffnen</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>Ausführung abbrechen</translation>
    </message>
    <message>
        <source>Cancel run %1 of “%2”? The browser stops where it is.</source>
        <translation>Ausführung %1 von „%2“ abbrechen? Der Browser hält an der aktuellen Stelle an.</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>The run was not canceled: %1</source>
        <translation>Die Ausführung wurde nicht abgebrochen: %1</translation>
    </message>
    <message>
        <source>Retry…</source>
        <translation>Wiederholen …</translation>
    </message>
    <message>
        <source>Start this workflow again with the same parameters</source>
        <translation>Diesen Workflow mit denselben Parametern erneut starten</translation>
    </message>
    <message>
        <source>Copy as cURL</source>
        <translation>Als cURL kopieren</translation>
    </message>
    <message>
        <source>The original request as a curl command, to send it again from a shell; the key stays $SKYVERN_API_KEY</source>
        <translation>Die ursprüngliche Anfrage als curl-Befehl, um sie aus einer Shell erneut zu senden; der Schlüssel bleibt $SKYVERN_API_KEY</translation>
    </message>
    <message>
        <source>Edit and retry…</source>
        <translation>Bearbeiten und wiederholen …</translation>
    </message>
    <message>
        <source>Open the launch form filled in as this run was started</source>
        <translation>Das Startformular so ausgefüllt öffnen, wie diese Ausführung gestartet wurde</translation>
    </message>
    <message>
        <source>Copied a curl command that starts %1 again; it reads the key from $SKYVERN_API_KEY.</source>
        <translation>curl-Befehl kopiert, der %1 erneut startet; er liest den Schlüssel aus $SKYVERN_API_KEY.</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>%1 kopiert.</translation>
    </message>
    <message>
        <source>Add tags to this run or take them off</source>
        <translation>Tags dieser Ausführung hinzufügen oder entfernen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Edit ta&amp;gs…</source>
        <translation>Ta&amp;gs bearbeiten…</translation>
    </message>
    <message>
        <source>None yet</source>
        <translation>Noch keine</translation>
    </message>
</context>
<context>
    <name>RunExportDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>Ausführungen exportieren</translation>
    </message>
    <message>
        <source>Every run that matches the list&apos;s filter is exported, also those not loaded yet.</source>
        <translation>Exportiert wird jede Ausführung, die zum Filter der Liste passt, auch die noch nicht geladenen.</translation>
    </message>
    <message>
        <source>CSV, for spreadsheets</source>
        <translation>CSV, für Tabellenkalkulationen</translation>
    </message>
    <message>
        <source>JSON Lines, one run per line, for scripts</source>
        <translation>JSON Lines, eine Ausführung pro Zeile, für Skripte</translation>
    </message>
    <message>
        <source>The columns as shown</source>
        <translation>Die Spalten wie angezeigt</translation>
    </message>
    <message>
        <source>Every field</source>
        <translation>Jedes Feld</translation>
    </message>
    <message>
        <source>As shown: the list&apos;s columns in its order and language. Every field: each field of a run under the name the server gives it.</source>
        <translation>Wie angezeigt: die Spalten der Liste in ihrer Reihenfolge und Sprache. Jedes Feld: jedes Feld einer Ausführung unter dem Namen, den der Server ihm gibt.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Columns:</source>
        <translation>S&amp;palten:</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines files (*.jsonl)</source>
        <translation>JSON-Lines-Dateien (*.jsonl)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file.</source>
        <translation>%1 ist ein Ordner; wählen Sie eine Datei.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln run(s) written…</source>
        <translation>
            <numerusform>%Ln Ausführung geschrieben…</numerusform>
            <numerusform>%Ln Ausführungen geschrieben…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; nothing was saved.</source>
        <translation>Export abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
</context>
<context>
    <name>RunExportJob</name>
    <message>
        <source>There is no connection to export from.</source>
        <translation>Es gibt keine Verbindung, aus der exportiert werden kann.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message numerus="yes">
        <source>%1 Asking again in %n s.</source>
        <translation>
            <numerusform>%1 Neuer Versuch in %n s.</numerusform>
            <numerusform>%1 Neuer Versuch in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export stopped at page %1 and nothing was saved: %2</source>
        <translation>Der Export brach bei Seite %1 ab, und nichts wurde gespeichert: %2</translation>
    </message>
    <message>
        <source>More than %L1 runs match; narrow the filter and export again. Nothing was saved.</source>
        <translation>Mehr als %L1 Ausführungen passen; grenzen Sie den Filter ein und exportieren Sie erneut. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The server lists at most %L1 runs filtered by tag or type; narrow the filter and export again. Nothing was saved.</source>
        <translation>Der Server listet höchstens %L1 nach Tag oder Typ gefilterte Ausführungen; grenzen Sie den Filter ein und exportieren Sie erneut. Nichts wurde gespeichert.</translation>
    </message>
</context>
<context>
    <name>RunFilter</name>
    <message>
        <source>The search text is %1 characters long; the server accepts at most %2.</source>
        <translation>Der Suchtext ist %1 Zeichen lang; der Server akzeptiert höchstens %2.</translation>
    </message>
    <message>
        <source>The error code is %1 characters long; the server accepts at most %2.</source>
        <translation>Der Fehlercode ist %1 Zeichen lang; der Server akzeptiert höchstens %2.</translation>
    </message>
    <message>
        <source>&quot;Created before&quot; must be later than &quot;created after&quot;.</source>
        <translation>„Erstellt vor“ muss später liegen als „Erstellt nach“.</translation>
    </message>
    <message>
        <source>At most %1 tags can be filtered by at once.</source>
        <translation>Es kann nach höchstens %1 Tags gleichzeitig gefiltert werden.</translation>
    </message>
    <message>
        <source>With tags or run types, the search needs at least 3 characters.</source>
        <translation>Mit Tags oder Ausführungsarten braucht die Suche mindestens 3 Zeichen.</translation>
    </message>
    <message>
        <source>The server filters by error code or by tags and run types, not both at once.</source>
        <translation>Der Server filtert nach Fehlercode oder nach Tags und Ausführungsarten, nicht nach beidem zugleich.</translation>
    </message>
    <message>
        <source>A tag is empty.</source>
        <translation>Ein Tag ist leer.</translation>
    </message>
    <message>
        <source>The tag “%1…” is longer than %2 characters.</source>
        <translation>Das Tag „%1…“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>Separate tags with commas, not inside one.</source>
        <translation>Trennen Sie Tags mit Kommas, nicht innerhalb eines Tags.</translation>
    </message>
    <message>
        <source>The tag “%1” is not a label, group:label or group:*.</source>
        <translation>Das Tag „%1“ ist weder Bezeichnung noch Gruppe:Bezeichnung noch Gruppe:*.</translation>
    </message>
    <message>
        <source>The tag “%1” may have * only as a whole label (group:*).</source>
        <translation>Das Tag „%1“ darf * nur als ganze Bezeichnung haben (Gruppe:*).</translation>
    </message>
    <message>
        <source>At most %1 workflows can be chosen at once.</source>
        <translation>Höchstens %1 Workflows können auf einmal gewählt werden.</translation>
    </message>
    <message>
        <source>With several workflows, the search needs at least 3 characters.</source>
        <translation>Mit mehreren Workflows braucht die Suche mindestens 3 Zeichen.</translation>
    </message>
    <message>
        <source>The server filters by error code or by several workflows, not both at once.</source>
        <translation>Der Server filtert nach Fehlercode oder nach mehreren Workflows, nicht nach beidem zugleich.</translation>
    </message>
</context>
<context>
    <name>RunFilterBar</name>
    <message>
        <source>Show runs of all workflows or of one</source>
        <translation>Ausführungen aller Workflows oder eines einzelnen anzeigen</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>All workflows</source>
        <translation>Alle Workflows</translation>
    </message>
    <message>
        <source>Type to find a workflow</source>
        <translation>Tippen, um einen Workflow zu finden</translation>
    </message>
    <message>
        <source>Show only runs with these statuses</source>
        <translation>Nur Ausführungen mit diesen Status anzeigen</translation>
    </message>
    <message>
        <source>Show only runs of these connections</source>
        <translation>Nur Ausführungen dieser Verbindungen anzeigen</translation>
    </message>
    <message>
        <source>Search run id, parameters, headers…</source>
        <translation>Ausführungs-ID, Parameter, Header durchsuchen …</translation>
    </message>
    <message>
        <source>Search runs</source>
        <translation>Ausführungen durchsuchen</translation>
    </message>
    <message>
        <source>Error code (exact)</source>
        <translation>Fehlercode (exakt)</translation>
    </message>
    <message>
        <source>Error code</source>
        <translation>Fehlercode</translation>
    </message>
    <message>
        <source>Show only runs created in this time</source>
        <translation>Nur Ausführungen anzeigen, die in diesem Zeitraum erstellt wurden</translation>
    </message>
    <message>
        <source>Created: any time</source>
        <translation>Erstellt: beliebig</translation>
    </message>
    <message>
        <source>Created: last hour</source>
        <translation>Erstellt: letzte Stunde</translation>
    </message>
    <message>
        <source>Created: last 24 hours</source>
        <translation>Erstellt: letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Created: last 7 days</source>
        <translation>Erstellt: letzte 7 Tage</translation>
    </message>
    <message>
        <source>Created: custom days…</source>
        <translation>Erstellt: eigener Zeitraum …</translation>
    </message>
    <message>
        <source>First day, from its start</source>
        <translation>Erster Tag, ab Tagesbeginn</translation>
    </message>
    <message>
        <source>Last day, to its end</source>
        <translation>Letzter Tag, bis Tagesende</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Show only runs with this status (this server filters by one at a time)</source>
        <translation>Nur Ausführungen mit diesem Status anzeigen (dieser Server filtert jeweils nur nach einem)</translation>
    </message>
    <message numerus="yes">
        <source>%1  (%n on screen)</source>
        <translation>
            <numerusform>%1  (%n angezeigt)</numerusform>
            <numerusform>%1  (%n angezeigt)</numerusform>
        </translation>
    </message>
    <message>
        <source>Status: any</source>
        <translation>Status: beliebig</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Status: %1 selected</source>
        <translation>Status: %1 ausgewählt</translation>
    </message>
    <message>
        <source>Showing runs that are %1</source>
        <translation>Angezeigt werden Ausführungen mit Status %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Source: all</source>
        <translation>Quelle: alle</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message numerus="yes">
        <source>Source: %n selected</source>
        <translation>
            <numerusform>Quelle: %n ausgewählt</numerusform>
            <numerusform>Quelle: %n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1/%2: too long, shorten it to search</source>
        <translation>%1/%2: zu lang, zum Suchen bitte kürzen</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <source>Search: “%1”</source>
        <translation>Suche: „%1“</translation>
    </message>
    <message>
        <source>Error code: %1</source>
        <translation>Fehlercode: %1</translation>
    </message>
    <message numerus="yes">
        <source>Created: last %n minute(s)</source>
        <translation>
            <numerusform>Erstellt: letzte %n Minute</numerusform>
            <numerusform>Erstellt: letzte %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Created: %1 – %2</source>
        <translation>Erstellt: %1 – %2</translation>
    </message>
    <message>
        <source>Workflow: %1</source>
        <translation>Workflow: %1</translation>
    </message>
    <message>
        <source>Show the runs of all workflows</source>
        <translation>Ausführungen aller Workflows anzeigen</translation>
    </message>
    <message>
        <source>Tags: env:prod, customer:*</source>
        <translation>Tags: env:prod, customer:*</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Runs with all of these tags, separated by commas: a label (nightly), group:label (env:prod) or group:* (any env). Two labels of one group match either.</source>
        <translation>Ausführungen mit all diesen Tags, durch Kommas getrennt: eine Bezeichnung (nightly), Gruppe:Bezeichnung (env:prod) oder Gruppe:* (jedes env). Zwei Bezeichnungen einer Gruppe passen beide.</translation>
    </message>
    <message>
        <source>Type: workflows</source>
        <translation>Art: Workflows</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Art: %1</translation>
    </message>
    <message numerus="yes">
        <source>Type: %n selected</source>
        <translation>
            <numerusform>Art: %n ausgewählt</numerusform>
            <numerusform>Art: %n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Which kinds of runs to list: workflow runs (with their failure reasons), tasks, computer-use agents</source>
        <translation>Welche Arten von Ausführungen aufgelistet werden: Workflow-Ausführungen (mit ihren Fehlergründen), Aufgaben, Computer-Use-Agenten</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Tag: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n workflow(s)</source>
        <translation>
            <numerusform>%n Workflow</numerusform>
            <numerusform>%n Workflows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> und %n weiterer</numerusform>
            <numerusform> und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Workflows: %1</source>
        <translation>Workflows: %1</translation>
    </message>
    <message>
        <source>Several…</source>
        <translation>Mehrere…</translation>
    </message>
    <message>
        <source>Show the runs of several workflows together</source>
        <translation>Die Ausführungen mehrerer Workflows zusammen anzeigen</translation>
    </message>
    <message>
        <source>The server searches run ids, parameter names and values, and extra headers (at least 3 characters with tags, types or several workflows). While it answers, the loaded rows narrow at once to those whose id, workflow, failure reason or error codes show the text.</source>
        <translation>Der Server durchsucht Ausführungs-IDs, Parameternamen und -werte sowie zusätzliche Header (mit Tags, Arten oder mehreren Workflows mindestens 3 Zeichen). Während er antwortet, werden die geladenen Zeilen sofort auf die eingegrenzt, deren ID, Workflow, Fehlergrund oder Fehlercodes den Text zeigen.</translation>
    </message>
    <message>
        <source>Remove the filter %1</source>
        <translation>Filter %1 entfernen</translation>
    </message>
</context>
<context>
    <name>RunFormat</name>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Teilweise</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Unknown (%1)</source>
        <translation>Unbekannt (%1)</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>MCP</source>
        <translation>MCP</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Heute %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 m %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Task v1</source>
        <translation>Aufgabe v1</translation>
    </message>
    <message>
        <source>Task v2</source>
        <translation>Aufgabe v2</translation>
    </message>
    <message>
        <source>Task v3</source>
        <translation>Aufgabe v3</translation>
    </message>
    <message>
        <source>OpenAI CUA</source>
        <translation>OpenAI CUA</translation>
    </message>
    <message>
        <source>Anthropic CUA</source>
        <translation>Anthropic CUA</translation>
    </message>
    <message>
        <source>UI-TARS</source>
        <translation>UI-TARS</translation>
    </message>
    <message>
        <source>Yutori Navigator</source>
        <translation>Yutori Navigator</translation>
    </message>
</context>
<context>
    <name>RunLink</name>
    <message>
        <source>It is not a Runwatch link (runwatch://run/&lt;connection&gt;/&lt;run id&gt;).</source>
        <translation>Das ist kein Runwatch-Link (runwatch://run/&lt;Verbindung&gt;/&lt;Ausführungs-ID&gt;).</translation>
    </message>
    <message>
        <source>A Runwatch link opens a run: runwatch://run/&lt;connection&gt;/&lt;run id&gt;.</source>
        <translation>Ein Runwatch-Link öffnet eine Ausführung: runwatch://run/&lt;Verbindung&gt;/&lt;Ausführungs-ID&gt;.</translation>
    </message>
    <message>
        <source>A Runwatch link names a connection and a run, and nothing else: runwatch://run/&lt;connection&gt;/&lt;run id&gt;.</source>
        <translation>Ein Runwatch-Link nennt eine Verbindung und eine Ausführung, sonst nichts: runwatch://run/&lt;Verbindung&gt;/&lt;Ausführungs-ID&gt;.</translation>
    </message>
    <message>
        <source>The link&apos;s connection is not a connection id.</source>
        <translation>Die Verbindung im Link ist keine Verbindungs-ID.</translation>
    </message>
    <message>
        <source>The link&apos;s run id is not a run id.</source>
        <translation>Die Ausführungs-ID im Link ist keine Ausführungs-ID.</translation>
    </message>
    <message>
        <source>The link is longer than any Runwatch link (at most %1 characters).</source>
        <translation>Der Link ist länger als jeder Runwatch-Link (höchstens %1 Zeichen).</translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Failure reason</source>
        <translation>Fehlerursache</translation>
    </message>
    <message>
        <source>Error codes</source>
        <translation>Fehlercodes</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>RunListRead</name>
    <message numerus="yes">
        <source>%n run(s) the server sent could not be read and are not shown (%1).</source>
        <translation>
            <numerusform>%n vom Server gesendete Ausführung konnte nicht gelesen werden und wird nicht angezeigt (%1).</numerusform>
            <numerusform>%n vom Server gesendete Ausführungen konnten nicht gelesen werden und werden nicht angezeigt (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>The server sent %1 runs for a page of %2; only the first %2 were read.</source>
        <translation>Der Server hat %1 Ausführungen für eine Seite mit %2 gesendet; nur die ersten %2 wurden gelesen.</translation>
    </message>
</context>
<context>
    <name>RunRowMenu</name>
    <message>
        <source>Copy run &amp;id</source>
        <translation>Ausführungs-&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>Nothing on this computer could open the recording of %1.</source>
        <translation>Auf diesem Computer konnte kein Programm die Aufzeichnung von %1 öffnen.</translation>
    </message>
    <message>
        <source>Looking up links…</source>
        <translation>Links werden abgerufen …</translation>
    </message>
    <message>
        <source>&amp;Cancel run…</source>
        <translation>Ausführung a&amp;bbrechen …</translation>
    </message>
    <message>
        <source>Filter by this &amp;workflow</source>
        <translation>Nach diesem &amp;Workflow filtern</translation>
    </message>
    <message>
        <source>Filter by error code %1</source>
        <translation>Nach Fehlercode %1 filtern</translation>
    </message>
    <message>
        <source>&amp;Retry…</source>
        <translation>&amp;Wiederholen …</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>Als c&amp;URL kopieren</translation>
    </message>
    <message>
        <source>The run&apos;s original request as a curl command; the key stays $SKYVERN_API_KEY</source>
        <translation>Die ursprüngliche Anfrage der Ausführung als curl-Befehl; der Schlüssel bleibt $SKYVERN_API_KEY</translation>
    </message>
    <message>
        <source>&amp;Edit and retry…</source>
        <translation>&amp;Bearbeiten und wiederholen …</translation>
    </message>
    <message>
        <source>Copied the run id %1.</source>
        <translation>Ausführungs-ID %1 kopiert.</translation>
    </message>
    <message>
        <source>Copied the link to %1.</source>
        <translation>Link zu %1 kopiert.</translation>
    </message>
    <message>
        <source>Copied a curl command that starts %1 again; it reads the key from $SKYVERN_API_KEY.</source>
        <translation>curl-Befehl kopiert, der %1 erneut startet; er liest den Schlüssel aus $SKYVERN_API_KEY.</translation>
    </message>
    <message>
        <source>&amp;Play recording</source>
        <translation>Aufzeichnung &amp;abspielen</translation>
    </message>
    <message>
        <source>Open recor&amp;ding in another app</source>
        <translation>Aufzeichnung in anderem Programm &amp;öffnen</translation>
    </message>
    <message>
        <source>Copy Runwatch lin&amp;k</source>
        <translation>Runwatch-Lin&amp;k kopieren</translation>
    </message>
    <message>
        <source>A runwatch:// link that opens this run in Runwatch</source>
        <translation>Ein runwatch://-Link, der diese Ausführung in Runwatch öffnet</translation>
    </message>
    <message>
        <source>Copied a link that opens %1 in Runwatch.</source>
        <translation>Link kopiert, der %1 in Runwatch öffnet.</translation>
    </message>
    <message>
        <source>Stop wa&amp;tching</source>
        <translation>Nicht mehr beo&amp;bachten</translation>
    </message>
    <message>
        <source>Wa&amp;tch until it ends</source>
        <translation>Beo&amp;bachten, bis sie endet</translation>
    </message>
    <message>
        <source>Be told when this run ends, also with the window closed</source>
        <translation>Erfahren, wenn diese Ausführung endet, auch bei geschlossenem Fenster</translation>
    </message>
</context>
<context>
    <name>RunSource</name>
    <message>
        <source>%1 does not offer run timelines.</source>
        <translation>%1 bietet keine Zeitleisten von Ausführungen an.</translation>
    </message>
    <message>
        <source>%1 does not offer the screenshots, recordings and logs of runs.</source>
        <translation>%1 bietet keine Bildschirmfotos, Aufzeichnungen und Protokolle von Ausführungen an.</translation>
    </message>
    <message>
        <source>%1 does not offer retrying runs.</source>
        <translation>%1 bietet kein Wiederholen von Ausführungen an.</translation>
    </message>
    <message>
        <source>%1 does not offer tags on runs.</source>
        <translation>%1 bietet keine Tags für Ausführungen an.</translation>
    </message>
    <message>
        <source>%1 does not offer cancelling several runs at once.</source>
        <translation>%1 bietet kein Abbrechen mehrerer Ausführungen auf einmal an.</translation>
    </message>
</context>
<context>
    <name>RunTableView</name>
    <message>
        <source>Newest first (server order)</source>
        <translation>Neueste zuerst (Reihenfolge des Servers)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Copied the run id %1.</source>
        <translation>Ausführungs-ID %1 kopiert.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n run id(s).</source>
        <translation>
            <numerusform>%n Ausführungs-ID kopiert.</numerusform>
            <numerusform>%n Ausführungs-IDs kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunTag</name>
    <message>
        <source>“%1” is a filter: a run gets a whole tag, group:label or a label.</source>
        <translation>„%1“ ist ein Filter: Eine Ausführung erhält ein ganzes Tag, gruppe:label oder ein Label.</translation>
    </message>
    <message>
        <source>The group “%1” is kept by the server for its own tags.</source>
        <translation>Die Gruppe „%1“ verwendet der Server für seine eigenen Tags.</translation>
    </message>
</context>
<context>
    <name>RunTimeline</name>
    <message>
        <source>The timeline has %1 more actions than the %2 Runwatch reads; they are not shown.</source>
        <translation>Die Zeitleiste hat %1 Aktionen mehr als die %2, die Runwatch liest; sie werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>The timeline has %1 more blocks than the %2 Runwatch reads; they are not shown.</source>
        <translation>Die Zeitleiste hat %1 Blöcke mehr als die %2, die Runwatch liest; sie werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>%1 blocks nested deeper than %2 levels are not shown.</source>
        <translation>%1 Blöcke, die tiefer als %2 Ebenen verschachtelt sind, werden nicht angezeigt.</translation>
    </message>
</context>
<context>
    <name>RunTimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Selected step</source>
        <translation>Ausgewählter Schritt</translation>
    </message>
    <message>
        <source>Select a run to see what it did, step by step.</source>
        <translation>Wählen Sie eine Ausführung, um Schritt für Schritt zu sehen, was sie getan hat.</translation>
    </message>
    <message>
        <source>Loading the timeline…</source>
        <translation>Zeitleiste wird geladen …</translation>
    </message>
    <message>
        <source>Could not update the timeline: %1</source>
        <translation>Die Zeitleiste konnte nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>This run has no steps yet.</source>
        <translation>Diese Ausführung hat noch keine Schritte.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Intention</source>
        <translation>Absicht</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>Eingegeben</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Thought</source>
        <translation>Gedanke</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Extraction goal</source>
        <translation>Extraktionsziel</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Loading the screenshot…</source>
        <translation>Bildschirmfoto wird geladen …</translation>
    </message>
    <message>
        <source>No screenshot of this step.</source>
        <translation>Kein Bildschirmfoto dieses Schritts.</translation>
    </message>
    <message>
        <source>Blocks and thoughts have no screenshot of their own: select one of the actions.</source>
        <translation>Blöcke und Gedanken haben kein eigenes Bildschirmfoto: Wählen Sie eine der Aktionen.</translation>
    </message>
</context>
<context>
    <name>RuntimeModule</name>
    <message>
        <source>%1 could not be loaded: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not installed (looked in %2)</source>
        <translation>%1 ist nicht installiert (gesucht in %2)</translation>
    </message>
</context>
<context>
    <name>ScreenshotFilmstrip</name>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Not an image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>Screenshots</source>
        <translation>Bildschirmfotos</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom out (%1, or Ctrl and the mouse wheel)</source>
        <translation>Verkleinern (%1 oder Strg und das Mausrad)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom in (%1, or Ctrl and the mouse wheel)</source>
        <translation>Vergrößern (%1 oder Strg und das Mausrad)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Fit the screenshot to the space</source>
        <translation>Bildschirmfoto in den Platz einpassen</translation>
    </message>
    <message>
        <source>Fit the screenshot to the space (%1)</source>
        <translation>Bildschirmfoto in den Platz einpassen (%1)</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>Originalgröße</translation>
    </message>
    <message>
        <source>Show the screenshot pixel for pixel</source>
        <translation>Bildschirmfoto Pixel für Pixel zeigen</translation>
    </message>
    <message>
        <source>Save the screenshot</source>
        <translation>Bildschirmfoto speichern</translation>
    </message>
    <message>
        <source>Save the screenshot as the server sent it</source>
        <translation>Bildschirmfoto so speichern, wie der Server es gesendet hat</translation>
    </message>
    <message>
        <source>Selected screenshot</source>
        <translation>Ausgewähltes Bildschirmfoto</translation>
    </message>
    <message>
        <source>Select a run to see its screenshots.</source>
        <translation>Wählen Sie eine Ausführung, um ihre Bildschirmfotos zu sehen.</translation>
    </message>
    <message>
        <source>Loading the screenshots…</source>
        <translation>Bildschirmfotos werden geladen …</translation>
    </message>
    <message>
        <source>Could not update the screenshots: %1</source>
        <translation>Die Bildschirmfotos konnten nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>This run has no screenshots yet.</source>
        <translation>Diese Ausführung hat noch keine Bildschirmfotos.</translation>
    </message>
    <message>
        <source>%1 of %2 · %3</source>
        <translation>%1 von %2 · %3</translation>
    </message>
    <message>
        <source>Loading the screenshot…</source>
        <translation>Bildschirmfoto wird geladen …</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>Bildschirmfoto speichern</translation>
    </message>
    <message>
        <source>Images (*.%1)</source>
        <translation>Bilder (*.%1)</translation>
    </message>
    <message>
        <source>Saved the screenshot as %1.</source>
        <translation>Das Bildschirmfoto wurde als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ScreenshotLoad</name>
    <message>
        <source>Could not load the screenshot: %1</source>
        <translation>Das Bildschirmfoto konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The screenshot is not an image.</source>
        <translation>Das Bildschirmfoto ist kein Bild.</translation>
    </message>
</context>
<context>
    <name>ScreenshotStrip</name>
    <message>
        <source>Newest first. Click or press Enter for a larger view.</source>
        <translation>Neueste zuerst. Klicken oder Enter drücken für eine größere Ansicht.</translation>
    </message>
    <message>
        <source>No screenshots yet</source>
        <translation>Noch keine Bildschirmfotos</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Neuestes</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 davor</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>Nicht verfügbar</translation>
    </message>
    <message>
        <source>Not an image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>The screenshot link did not return an image.</source>
        <translation>Der Bildschirmfoto-Link hat kein Bild geliefert.</translation>
    </message>
    <message>
        <source>Click for a larger view</source>
        <translation>Klicken für eine größere Ansicht</translation>
    </message>
    <message>
        <source>Screenshot of %1</source>
        <translation>Bildschirmfoto von %1</translation>
    </message>
    <message>
        <source>Loading the screenshot…</source>
        <translation>Bildschirmfoto wird geladen …</translation>
    </message>
</context>
<context>
    <name>ScreenshotStripModel</name>
    <message>
        <source>Final · %1</source>
        <translation>Ende · %1</translation>
    </message>
    <message>
        <source>The page when the run ended</source>
        <translation>Die Seite am Ende der Ausführung</translation>
    </message>
    <message>
        <source>Step %1 · %2</source>
        <translation>Schritt %1 · %2</translation>
    </message>
    <message>
        <source>Step %1: the page as the agent saw it before acting</source>
        <translation>Schritt %1: die Seite, wie der Agent sie vor dem Handeln sah</translation>
    </message>
    <message>
        <source>Step %1: the page after an action</source>
        <translation>Schritt %1: die Seite nach einer Aktion</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Bildschirmfoto</translation>
    </message>
    <message>
        <source>This screenshot is not an image.</source>
        <translation>Dieses Bildschirmfoto ist kein Bild.</translation>
    </message>
    <message>
        <source>Could not load this screenshot: %1</source>
        <translation>Dieses Bildschirmfoto konnte nicht geladen werden: %1</translation>
    </message>
</context>
<context>
    <name>ServerAddress</name>
    <message>
        <source>Enter the server&apos;s address, e.g. https://api.skyvern.com.</source>
        <translation>Geben Sie die Adresse des Servers ein, z. B. https://api.skyvern.com.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address; write it in full, e.g. https://api.skyvern.com.</source>
        <translation>„%1“ ist keine Serveradresse; geben Sie sie vollständig an, z. B. https://api.skyvern.com.</translation>
    </message>
    <message>
        <source>The server address must start with https:// (or http:// for this machine).</source>
        <translation>Die Serveradresse muss mit https:// beginnen (oder mit http:// für diesen Rechner).</translation>
    </message>
    <message>
        <source>Leave the user name and password out of the address; the API key is entered separately.</source>
        <translation>Lassen Sie Benutzername und Passwort in der Adresse weg; der API-Schlüssel wird separat eingegeben.</translation>
    </message>
    <message>
        <source>Refusing plain http to %1: the API key would cross the network unencrypted. Use https, or allow insecure http explicitly.</source>
        <translation>Unverschlüsseltes http zu %1 wird abgelehnt: Der API-Schlüssel würde unverschlüsselt über das Netzwerk übertragen. Verwenden Sie https oder erlauben Sie unsicheres http ausdrücklich.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Run an agent or workflow</source>
        <translation>Agent oder Workflow starten</translation>
    </message>
    <message>
        <source>Reload the list</source>
        <translation>Liste neu laden</translation>
    </message>
    <message>
        <source>Search the runs</source>
        <translation>Ausführungen durchsuchen</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>Show connection 1 to 9 (the last: all connections)</source>
        <translation>Verbindung 1 bis 9 anzeigen (die letzte: alle Verbindungen)</translation>
    </message>
    <message>
        <source>Move through the runs</source>
        <translation>Durch die Ausführungen bewegen</translation>
    </message>
    <message>
        <source>The selected run&apos;s menu: copy, cancel, recording, filters</source>
        <translation>Menü der ausgewählten Ausführung: Kopieren, Abbrechen, Aufzeichnung, Filter</translation>
    </message>
    <message>
        <source>Move between the list, the filters and the detail pane</source>
        <translation>Zwischen Liste, Filtern und Detailbereich wechseln</translation>
    </message>
    <message>
        <source>Step through screenshots and open one</source>
        <translation>Durch Bildschirmfotos blättern und eines öffnen</translation>
    </message>
    <message>
        <source>Close a dialog or the screenshot viewer</source>
        <translation>Einen Dialog oder die Bildschirmfoto-Ansicht schließen</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>Diese Liste</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Zoom a screenshot in or out, or fit it (Screenshots tab)</source>
        <translation>Ein Bildschirmfoto vergrößern, verkleinern oder einpassen (Reiter Bildschirmfotos)</translation>
    </message>
    <message>
        <source>Play or pause the recording</source>
        <translation>Die Aufzeichnung abspielen oder pausieren</translation>
    </message>
    <message>
        <source>Move 5 seconds back or on in the recording</source>
        <translation>In der Aufzeichnung 5 Sekunden zurück- oder vorspringen</translation>
    </message>
    <message>
        <source>Show or hide the watched runs</source>
        <translation>Beobachtete Ausführungen ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Preferences: notifications, theme, closing</source>
        <translation>Einstellungen: Benachrichtigungen, Farbschema, Schließen</translation>
    </message>
    <message>
        <source>Stop watching the run chosen in the Watched panel</source>
        <translation>Die im Bereich „Beobachtet“ gewählte Ausführung nicht mehr beobachten</translation>
    </message>
    <message>
        <source>Copy the selected runs&apos; ids</source>
        <translation>Die IDs der ausgewählten Ausführungen kopieren</translation>
    </message>
    <message>
        <source>Select several runs, or every loaded one, to cancel or retry them at once</source>
        <translation>Mehrere oder alle geladenen Ausführungen auswählen, um sie auf einmal abzubrechen oder zu wiederholen</translation>
    </message>
    <message>
        <source>Select only the current run again (in the list)</source>
        <translation>Wieder nur die aktuelle Ausführung auswählen (in der Liste)</translation>
    </message>
    <message>
        <source>Show or hide the failure groups</source>
        <translation>Fehlergruppen ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Show or hide the jobs: bulk cancels and retries</source>
        <translation>Aufträge ein- oder ausblenden: Massen-Abbrüche und -Wiederholungen</translation>
    </message>
    <message>
        <source>Export every run of the list to a CSV or JSON Lines file</source>
        <translation>Jede Ausführung der Liste in eine CSV- oder JSON-Lines-Datei exportieren</translation>
    </message>
    <message>
        <source>Show History, or go back to the list</source>
        <translation>Verlauf zeigen oder zurück zur Liste</translation>
    </message>
    <message>
        <source>Alt + the underlined letter</source>
        <translation>Alt + der unterstrichene Buchstabe</translation>
    </message>
    <message>
        <source>A detail tab (Overview, Timeline…), a menu or a button</source>
        <translation>Ein Detail-Reiter (Übersicht, Zeitleiste …), ein Menü oder eine Schaltfläche</translation>
    </message>
    <message>
        <source>Quit Runwatch</source>
        <translation>Runwatch beenden</translation>
    </message>
</context>
<context>
    <name>SkyvernClient</name>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>The server&apos;s run list could not be read: %1.</source>
        <translation>Die Ausführungsliste des Servers konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The run could not be read: %1.</source>
        <translation>Die Ausführung konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The workflow list could not be read: %1.</source>
        <translation>Die Workflow-Liste konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The run was sent, but the server&apos;s answer could not be read: %1.</source>
        <translation>Die Ausführung wurde gesendet, aber die Antwort des Servers konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The connection dropped before %1 confirmed the launch, and it could not be asked whether the run started (%2). Check the run list before launching again.</source>
        <translation>Die Verbindung brach ab, bevor %1 den Start bestätigt hat, und es ließ sich nicht abfragen, ob die Ausführung gestartet wurde (%2). Prüfen Sie die Ausführungsliste, bevor Sie erneut starten.</translation>
    </message>
    <message>
        <source>The connection dropped before %1 confirmed the launch, and no run of this launch is there: it did not start. Nothing was sent twice; launch again if you still want it.</source>
        <translation>Die Verbindung brach ab, bevor %1 den Start bestätigt hat, und es gibt keine Ausführung zu diesem Start: Sie wurde nicht gestartet. Nichts wurde doppelt gesendet; starten Sie erneut, wenn Sie die Ausführung weiterhin benötigen.</translation>
    </message>
    <message>
        <source>The connection dropped before %1 confirmed the launch; the run it started was found, so it was not launched twice.</source>
        <translation>Die Verbindung brach ab, bevor %1 den Start bestätigt hat; die gestartete Ausführung wurde gefunden und daher nicht doppelt gestartet.</translation>
    </message>
    <message>
        <source>The run&apos;s timeline could not be read: %1.</source>
        <translation>Die Zeitleiste der Ausführung konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>%1 has no run %2.</source>
        <translation>%1 hat keine Ausführung %2.</translation>
    </message>
    <message>
        <source>The run&apos;s artifact list could not be read: %1.</source>
        <translation>Die Artefaktliste der Ausführung konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>%1 has no artifact %2, or no longer has its content.</source>
        <translation>%1 hat kein Artefakt %2 oder dessen Inhalt nicht mehr.</translation>
    </message>
    <message>
        <source>The run was retried, but the server&apos;s answer could not be read: %1.</source>
        <translation>Die Ausführung wurde wiederholt, aber die Antwort des Servers konnte nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>%1 has no workflow run %2.</source>
        <translation>%1 hat keine Workflow-Ausführung %2.</translation>
    </message>
    <message>
        <source>The connection dropped before %1 confirmed the retry (%2). Check the run list before retrying again.</source>
        <translation>Die Verbindung brach ab, bevor %1 die Wiederholung bestätigte (%2). Prüfen Sie die Liste der Ausführungen, bevor Sie erneut wiederholen.</translation>
    </message>
    <message>
        <source>The runs&apos; tags could not be read: %1.</source>
        <translation>Die Tags der Ausführungen konnten nicht gelesen werden: %1.</translation>
    </message>
    <message>
        <source>The runs were sent for cancelling, but the server&apos;s answer could not be read: %1.</source>
        <translation>Die Ausführungen wurden zum Abbrechen gesendet, aber die Antwort des Servers war nicht lesbar: %1.</translation>
    </message>
    <message>
        <source>%1 does not list every run type (no /v1/runs, as on older self-hosted Skyvern): these are its workflow runs, not filtered by tag or type.</source>
        <translation>%1 listet nicht alle Ausführungsarten auf (kein /v1/runs, wie bei älteren selbst gehosteten Skyvern): Dies sind seine Workflow-Ausführungen, nicht nach Tag oder Art gefiltert.</translation>
    </message>
    <message>
        <source>The server&apos;s tag suggestions could not be read: %1.</source>
        <translation>Die Tag-Vorschläge des Servers waren nicht lesbar: %1.</translation>
    </message>
    <message>
        <source>The tags were sent, but the server&apos;s answer could not be read: %1.</source>
        <translation>Die Tags wurden gesendet, aber die Antwort des Servers war nicht lesbar: %1.</translation>
    </message>
    <message>
        <source>The server&apos;s tag colours could not be read: %1.</source>
        <translation>Die Tag-Farben des Servers waren nicht lesbar: %1.</translation>
    </message>
</context>
<context>
    <name>TagEditDialog</name>
    <message>
        <source>Edit tags</source>
        <translation>Tags bearbeiten</translation>
    </message>
    <message>
        <source>Tag runs</source>
        <translation>Ausführungen taggen</translation>
    </message>
    <message>
        <source>Tick the tags the run should have; untick those to take off.</source>
        <translation>Haken Sie die Tags an, die die Ausführung haben soll; entfernen Sie den Haken bei denen, die wegfallen sollen.</translation>
    </message>
    <message numerus="yes">
        <source>Tick the tags all %n selected run(s) should have; untick those to take off. A half-ticked tag stays as it is on each run.</source>
        <translation>
            <numerusform>Haken Sie die Tags an, die die %n ausgewählte Ausführung haben soll; entfernen Sie den Haken bei denen, die wegfallen sollen. Ein halb angehakter Tag bleibt bei jeder Ausführung, wie er ist.</numerusform>
            <numerusform>Haken Sie die Tags an, die alle %n ausgewählten Ausführungen haben sollen; entfernen Sie den Haken bei denen, die wegfallen sollen. Ein halb angehakter Tag bleibt bei jeder Ausführung, wie er ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add a tag: group:label or a label, Enter to add</source>
        <translation>Tag hinzufügen: gruppe:label oder ein Label, Eingabetaste fügt hinzu</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>A run has one label per group: env:staging takes the place of env:prod.</source>
        <translation>Eine Ausführung hat ein Label je Gruppe: env:staging ersetzt env:prod.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>%1 — on %2 of %3</source>
        <translation>%1 – bei %2 von %3</translation>
    </message>
    <message>
        <source>Nothing changed yet</source>
        <translation>Noch nichts geändert</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Click</source>
        <translation>Klicken</translation>
    </message>
    <message>
        <source>Type text</source>
        <translation>Text eingeben</translation>
    </message>
    <message>
        <source>Select an option</source>
        <translation>Option wählen</translation>
    </message>
    <message>
        <source>Upload a file</source>
        <translation>Datei hochladen</translation>
    </message>
    <message>
        <source>Download a file</source>
        <translation>Datei herunterladen</translation>
    </message>
    <message>
        <source>Tick a box</source>
        <translation>Kästchen ankreuzen</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Warten</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>Ansehen</translation>
    </message>
    <message>
        <source>Solve a CAPTCHA</source>
        <translation>CAPTCHA lösen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Reload the page</source>
        <translation>Seite neu laden</translation>
    </message>
    <message>
        <source>Extract</source>
        <translation>Extrahieren</translation>
    </message>
    <message>
        <source>Scroll</source>
        <translation>Scrollen</translation>
    </message>
    <message>
        <source>Press keys</source>
        <translation>Tasten drücken</translation>
    </message>
    <message>
        <source>Go to a page</source>
        <translation>Seite aufrufen</translation>
    </message>
    <message>
        <source>Enter a code</source>
        <translation>Code eingeben</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Thought: %1</source>
        <translation>Gedanke: %1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>&amp;Open Runwatch</source>
        <translation>Runwatch ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Pause notifications for 1 hour</source>
        <translation>Benachrichtigungen 1 Stunde &amp;pausieren</translation>
    </message>
    <message>
        <source>No runs to tell of yet</source>
        <translation>Noch keine Ausführungen zu melden</translation>
    </message>
    <message>
        <source>&amp;Quit Runwatch</source>
        <translation>Runwatch &amp;beenden</translation>
    </message>
    <message numerus="yes">
        <source>Runwatch: %n new failure(s) since you last looked</source>
        <translation>
            <numerusform>Runwatch: %n neuer Fehlschlag seit Ihrem letzten Blick</numerusform>
            <numerusform>Runwatch: %n neue Fehlschläge seit Ihrem letzten Blick</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Runwatch: %n run(s) active</source>
        <translation>
            <numerusform>Runwatch: %n Ausführung aktiv</numerusform>
            <numerusform>Runwatch: %n Ausführungen aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Runwatch: all quiet</source>
        <translation>Runwatch: alles ruhig</translation>
    </message>
    <message>
        <source>Notifications paused until %1</source>
        <translation>Benachrichtigungen pausiert bis %1</translation>
    </message>
    <message>
        <source>Lately</source>
        <translation>Zuletzt</translation>
    </message>
</context>
<context>
    <name>WatchedRunPoller</name>
    <message>
        <source>Not among the newest runs of its workflow; it is looked for again.</source>
        <translation>Nicht unter den neuesten Ausführungen ihres Workflows; es wird erneut danach gesucht.</translation>
    </message>
</context>
<context>
    <name>WatchedRunsView</name>
    <message>
        <source>Watched runs</source>
        <translation>Beobachtete Ausführungen</translation>
    </message>
    <message>
        <source>No runs watched. Runs launched from Runwatch are watched until they end; watch any other from its menu in the list. You are told when a watched run ends.</source>
        <translation>Keine Ausführungen beobachtet. Aus Runwatch gestartete Ausführungen werden bis zu ihrem Ende beobachtet; jede andere beobachten Sie über ihr Menü in der Liste. Sie werden benachrichtigt, wenn eine beobachtete Ausführung endet.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>&amp;Stop watching</source>
        <translation>Beobachtung &amp;beenden</translation>
    </message>
</context>
<context>
    <name>WorkflowPickerDialog</name>
    <message>
        <source>Choose workflows</source>
        <translation>Workflows wählen</translation>
    </message>
    <message>
        <source>Type to find a workflow</source>
        <translation>Tippen, um einen Workflow zu finden</translation>
    </message>
    <message>
        <source>Find a workflow</source>
        <translation>Workflow finden</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <source>&amp;Show their runs</source>
        <translation>Ihre Ausführungen &amp;anzeigen</translation>
    </message>
    <message>
        <source>%1 chosen: the server takes at most %2 at once.</source>
        <translation>%1 gewählt: Der Server nimmt höchstens %2 auf einmal.</translation>
    </message>
    <message>
        <source>None chosen: the runs of all workflows.</source>
        <translation>Keiner gewählt: die Ausführungen aller Workflows.</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen.</source>
        <translation>
            <numerusform>%n gewählt.</numerusform>
            <numerusform>%n gewählt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowPlatformClient</name>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Pick a workflow: %1 lists runs one workflow at a time.</source>
        <translation>Wählen Sie einen Workflow: %1 listet Ausführungen immer nur für einen Workflow auf.</translation>
    </message>
    <message>
        <source>%1 cannot search runs; clear the search.</source>
        <translation>%1 kann Ausführungen nicht durchsuchen; leeren Sie die Suche.</translation>
    </message>
    <message>
        <source>%1 cannot filter by error code; clear it.</source>
        <translation>%1 kann nicht nach Fehlercode filtern; entfernen Sie ihn.</translation>
    </message>
    <message>
        <source>%1 cannot filter by date; clear the date range.</source>
        <translation>%1 kann nicht nach Datum filtern; entfernen Sie den Zeitraum.</translation>
    </message>
    <message>
        <source>%1 filters by one status at a time.</source>
        <translation>%1 filtert jeweils nur nach einem Status.</translation>
    </message>
    <message>
        <source>%1 has no runs with the status you picked.</source>
        <translation>%1 hat keine Ausführungen mit dem gewählten Status.</translation>
    </message>
    <message>
        <source>The run list of %1 could not be read: %2.</source>
        <translation>Die Ausführungsliste von %1 konnte nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1 answered code %2: %3.</source>
        <translation>%1 hat mit Code %2 geantwortet: %3.</translation>
    </message>
    <message>
        <source>Run %1 is not in the lists loaded from %2.</source>
        <translation>Die Ausführung %1 ist nicht in den von %2 geladenen Listen.</translation>
    </message>
    <message>
        <source>%1 does not offer launching runs.</source>
        <translation>%1 unterstützt das Starten von Ausführungen nicht.</translation>
    </message>
    <message>
        <source>%1 does not offer cancelling runs.</source>
        <translation>%1 unterstützt das Abbrechen von Ausführungen nicht.</translation>
    </message>
</context>
</TS>
