/** Browser mode opened without the access key: explain how to open the app properly. */
export function MissingToken() {
  return (
    <div className="fullpage" data-testid="missing-token">
      <div className="fullpage-box">
        <h1>PiC Studio: indirizzo incompleto</h1>
        <p>
          Questa pagina è stata aperta senza la chiave di accesso. Per usare PiC Studio nel browser, aprire
          l&apos;indirizzo completo che il comando <code>npm run serve</code> ha scritto nel terminale, ad esempio:
        </p>
        <p className="fullpage-example">
          <code>http://127.0.0.1:5199/#token=…</code>
        </p>
        <p>
          La chiave (la parte dopo <code>#token=</code>) cambia a ogni avvio del servizio: se il servizio è stato
          riavviato, usare l&apos;indirizzo nuovo.
        </p>
      </div>
    </div>
  );
}
