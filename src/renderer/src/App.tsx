export function App() {
  return <main><h1>Ketamine Session Console</h1></main>
}
