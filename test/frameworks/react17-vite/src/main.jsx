import { StrictMode } from 'react';
import { render } from 'react-dom';
import { App } from './App.jsx';

// React 17 has no createRoot: the legacy root.
render(
  <StrictMode>
    <App />
  </StrictMode>,
  document.getElementById('root'),
);
