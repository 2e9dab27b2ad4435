// A Server Component: it renders the Client Component that uses the elements.
import { CallPanel } from './call-panel.jsx';

export default function Page() {
  return (
    <main>
      <h1>Calls</h1>
      <CallPanel number="+33123456789" name="Jean Dupont" />
    </main>
  );
}
